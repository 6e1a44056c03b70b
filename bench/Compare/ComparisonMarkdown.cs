using System.Text;
using LeakBench.Reports;
using LeakBench.Statistics;

namespace LeakBench.Compare;

/// <summary>The comparison as markdown (what <c>compare</c> prints): the changes named first, then every case side by side.</summary>
public static class ComparisonMarkdown
{
    public static string Write(RunComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var text = new StringBuilder();
        var onlyA = comparison.Cases.Where(c => c.B is null).ToList();
        var onlyB = comparison.Cases.Where(c => c.A is null).ToList();
        var margin = ReportFormat.Percent(comparison.Margin);
        text.Append("# LeakBench: run A against run B\n\n")
            .Append($"- A: `{comparison.A.Folder}` ({ReportFormat.Count(comparison.A.Cases.Count)} cases)\n")
            .Append($"- B: `{comparison.B.Folder}` ({ReportFormat.Count(comparison.B.Cases.Count)} cases)\n")
            .Append($"- In both: {ReportFormat.Count(comparison.Shared)}; only in A: {ReportFormat.Count(onlyA.Count)}; only in B: {ReportFormat.Count(onlyB.Count)}.\n")
            .Append($"- Latency: each case's paired ratio (case over its baseline, block pair by block pair) in A over the same in B, ")
            .Append("with 95% two-sample bounds over the two runs' block pairs (Hodges–Lehmann shift of their log ratios, Mann–Whitney bounds); ")
            .Append($"\"slower\" or \"faster\" only when the bounds lie wholly beyond the {margin} margin. ")
            .Append("Where a folder keeps no block pairs, A's report.csv bounds over B's (wider; marked \"report.csv bounds only\"). ")
            .Append("Socket verdicts are compared by verdict, not by the numbers in their text.\n\n");

        var changes = comparison.Changes;
        text.Append("## Changes\n\n");
        if (changes.Count == 0)
        {
            text.Append($"No change beyond the {margin} margin: every case is in both runs, with the same socket verdict and no paired ratio slower or faster.\n\n");
        }
        else
        {
            text.Append($"{ReportFormat.Count(changes.Count)} change{(changes.Count == 1 ? "" : "s")}:\n\n");
            foreach (var change in changes)
            {
                text.Append($"- {change}\n");
            }

            text.Append('\n');
        }

        var both = comparison.Cases.Where(c => c.A is not null && c.B is not null).ToList();
        if (both.Count > 0)
        {
            text.Append("## Cases in both runs\n\n");
            MarkdownColumn[] columns =
            [
                new("Case"), new("Runtime A / B"), new("Socket verdict A"), new("Socket verdict B"),
                new("Conn/1k A", true), new("Conn/1k B", true), new("Peak open A", true), new("Peak open B", true),
                new("Alloc/req A", true), new("Alloc/req B", true), new("Paired ratio A"), new("Paired ratio B"), new("A over B"),
            ];
            text.Append(MarkdownTable.Write(columns, both.Select(c => Cells(c, c.A!, c.B!, comparison.Margin)))).Append('\n');
        }

        AppendOnly(text, "A", onlyA);
        AppendOnly(text, "B", onlyB);
        return text.ToString();
    }

    private static IReadOnlyList<string> Cells(CaseComparison c, RunCase a, RunCase b, double margin) =>
    [
        c.Key.Name,
        a.RuntimeName == b.RuntimeName ? a.RuntimeName : $"{a.RuntimeName} / {b.RuntimeName}",
        a.VerdictText + (c.VerdictChanged ? " (changed)" : ""),
        b.VerdictText,
        Per1k(a.ConnectionsPer1k), Per1k(b.ConnectionsPer1k),
        a.PeakOpenSockets is { } pa ? ReportFormat.Count(pa) : "n/a", b.PeakOpenSockets is { } pb ? ReportFormat.Count(pb) : "n/a",
        a.AllocatedBytesPerRequest is { } ba ? ReportFormat.Bytes(ba) : "n/a", b.AllocatedBytesPerRequest is { } bb ? ReportFormat.Bytes(bb) : "n/a",
        a.LatencyRatio is { } ra ? RatioVerdict.Figures(ra) : "n/a", b.LatencyRatio is { } rb ? RatioVerdict.Figures(rb) : "n/a",
        c.Ratio is { } ratio
            ? $"{RatioVerdict.Describe(c.RatioVerdict!.Value, ratio, margin)}{(c.RatioBasis == CaseComparison.FromReportBounds ? " (report.csv bounds only)" : "")}"
            : $"n/a: {c.RatioNote}",
    ];

    private static string Per1k(double? value) => value is { } v ? ReportFormat.Per1k(v) : "n/a";

    private static void AppendOnly(StringBuilder text, string run, List<CaseComparison> only)
    {
        if (only.Count == 0)
        {
            return;
        }

        text.Append($"## Only in {run} ({ReportFormat.Count(only.Count)})\n\n");
        foreach (var c in only)
        {
            var measured = c.A ?? c.B!;
            text.Append($"- {c.Key.Name}: {measured.VerdictText}\n");
        }

        text.Append('\n');
    }
}
