using LeakBench.Reports;

namespace LeakBench.Tests.Reports;

/// <summary>The report's first screen: the headline figure, then one paragraph per class from that class's rows alone.</summary>
public sealed class ClassFindingsSectionTests
{
    [Fact]
    public void The_first_screen_is_the_summary_the_headline_figure_and_one_paragraph_per_class()
    {
        var rows = StudySamples.FullStudy;

        var report = StudyReportWriter.Write(ReportSamples.Environment, rows, StudyCharts.Plan(rows));

        var headline = report.IndexOf("](charts/matrix-DisposeDrain.png)", StringComparison.Ordinal);
        var findings = report.IndexOf("\n## Findings\n", StringComparison.Ordinal);
        Assert.True(headline > 0 && headline < findings && findings < report.IndexOf("\n## Environment\n", StringComparison.Ordinal));
        var section = report[findings..report.IndexOf("\n## Environment\n", StringComparison.Ordinal)];
        var paragraphs = section.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(["DisposeDrain", "Framing", "Http2", "ConnectionLimit", "FdLimit", "Tls", "Lifetime"], paragraphs.Select(p => p[2..p.IndexOf("**", 2, StringComparison.Ordinal)]));
    }

    [Fact]
    public void A_class_paragraph_counts_its_rows_and_names_what_was_not_timed_by_its_verdict()
    {
        var http2 = StudySamples.FullStudy.Where(r => r.Benchmark == "Http2Benchmarks").ToList();

        var paragraph = ClassFindingsSection.Paragraph(http2);

        Assert.StartsWith($"**Http2** ({http2.Count} cases). Connections: ", paragraph, StringComparison.Ordinal);
        // The verdict counts add up to the class's rows.
        var start = paragraph.IndexOf("Connections: ", StringComparison.Ordinal);
        var counts = System.Text.RegularExpressions.Regex.Matches(paragraph[start..paragraph.IndexOf(". ", start, StringComparison.Ordinal)], @"(\d+) × ").Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(http2.Count, counts);
        foreach (var untimed in http2.Where(r => r.NotTimed is not null))
        {
            Assert.Contains($"{untimed.Case.Label} ({untimed.VerdictText})", paragraph, StringComparison.Ordinal);
        }

        Assert.Contains("slowest undisposed · unread · HeadersRead · 1 KiB · h2 " + LeakBench.Statistics.RatioVerdict.Figures(StudySamples.LeakRatio), paragraph, StringComparison.Ordinal);
        // A paragraph is its class's own: the report built from every class shows the same paragraph.
        Assert.Contains("\n\n" + paragraph + "\n\n", StudyReportWriter.Write(ReportSamples.Environment, StudySamples.FullStudy, []), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ClassFindingsSection.Paragraph([]));
    }
}
