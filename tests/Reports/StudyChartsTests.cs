using LeakBench.Reports;
using LeakBench.Runs;
using LeakBench.Tests.Support;
using LeakBench.Reports.Charts;
using LeakBench.Tests.Seed;

namespace LeakBench.Tests.Reports;

/// <summary>The chart plan and the files: names and captions from the rows alone, real PNG and SVG files within the size limit.</summary>
public sealed class StudyChartsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "leakbench-report-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void The_plan_names_a_chart_for_what_the_rows_have()
    {
        var charts = StudyCharts.Plan(ReportSamples.Rows);

        Assert.Equal(["charts/matrix", "charts/trajectories", "charts/latency", "charts/allocations"], charts.Select(c => c.Png[..^".png".Length]));
        Assert.Equal(charts.Select(c => c.Png[..^".png".Length]), charts.Select(c => c.Svg[..^".svg".Length]));
        Assert.True(Assert.Single(charts, c => c.IsHeadline).Png == "charts/matrix.png");
        Assert.All(charts, c => Assert.DoesNotContain('\n', c.Caption));
        // The two cases that reuse the connection are summed up under the trajectories, not drawn.
        Assert.Equal(
            "Not drawn: the 2 cases that opened at most 10 connections per 1,000 requests, which kept at most 1 client socket open at once.",
            charts[1].Note);
    }

    [Fact]
    public void The_plan_has_no_trajectories_when_every_case_reuses_and_a_runtime_chart_for_two_runtimes()
    {
        Assert.DoesNotContain(StudyCharts.Plan([ReportSamples.Baseline, ReportSamples.Reused]), c => c.Png == "charts/trajectories.png");

        var twoRuntimes = ReportSamples.Rows.Concat(ReportSamples.Rows.Select(r => r with { Runtime = ReportSamples.Net8 })).ToList();
        var runtimes = Assert.Single(StudyCharts.Plan(twoRuntimes), c => c.Png == "charts/runtimes.png");
        // The oldest runtime is the reference unless the run names one.
        Assert.Contains("over the same case on .NET 8.0.22", runtimes.Caption, StringComparison.Ordinal);
        Assert.Contains("over the same case on .NET 10.0.12", Assert.Single(StudyCharts.Plan(twoRuntimes, "net10.0"), c => c.Png == "charts/runtimes.png").Caption, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_writes_every_planned_file_as_png_and_svg_within_the_width_limit()
    {
        var rendered = StudyCharts.Render(_folder, ReportSamples.Rows);

        Assert.Equal(StudyCharts.Plan(ReportSamples.Rows), rendered);
        foreach (var chart in rendered)
        {
            var (width, height) = ChartImages.PngSize(Path.Combine(_folder, chart.Png));
            Assert.InRange(width, 300, ChartCanvas.MaxWidth);
            Assert.InRange(height, 150, ChartCanvas.MaxHeight);
            ChartImages.AssertSvg(Path.Combine(_folder, chart.Svg));
        }
    }

    [Fact]
    public void A_full_study_is_split_into_one_file_per_class_each_within_1600_by_2000_px()
    {
        var rows = StudySamples.FullStudy;

        var rendered = StudyCharts.Render(_folder, rows);

        var classes = rows.Select(r => ChartGroups.ShortBenchmark(r.Benchmark)).Distinct().ToList();
        Assert.Equal(classes.Select(c => $"charts/matrix-{c}.png"), rendered.Where(c => c.Png.StartsWith("charts/matrix", StringComparison.Ordinal)).Select(c => c.Png));
        Assert.Equal(classes.Select(c => $"charts/latency-{c}.png"), rendered.Where(c => c.Png.StartsWith("charts/latency", StringComparison.Ordinal)).Select(c => c.Png));
        Assert.Equal("charts/matrix-DisposeDrain.png", Assert.Single(rendered, c => c.IsHeadline).Png);
        AssertWithinLimits(rendered);

        // The latency figure labels the 1 KiB leak with its paired ratio (report.csv's latency_ratio and bounds), as text.
        var svg = File.ReadAllText(Path.Combine(_folder, "charts/latency-DisposeDrain.svg"));
        Assert.Contains("slower " + LeakBench.Statistics.RatioVerdict.Figures(StudySamples.LeakRatio), System.Net.WebUtility.HtmlDecode(svg), StringComparison.Ordinal);
        Assert.Contains("not timed: stalls at request 101", System.Net.WebUtility.HtmlDecode(File.ReadAllText(Path.Combine(_folder, "charts/latency-Http2.svg"))), StringComparison.Ordinal);
    }

    [Fact]
    public void Three_runtimes_of_one_class_split_where_a_file_would_be_too_tall()
    {
        var rows = StudySamples.Runtimes;

        var rendered = StudyCharts.Render(_folder, rows);

        // One class: no class suffix; its latency on three runtimes is too tall for one file, so one file per runtime.
        Assert.Contains(rendered, c => c.Png == "charts/matrix.png");
        Assert.Equal(["charts/latency-net8.0.png", "charts/latency-net9.0.png", "charts/latency-net10.0.png"],
            rendered.Where(c => c.Png.StartsWith("charts/latency", StringComparison.Ordinal)).Select(c => c.Png));
        Assert.Contains(rendered, c => c.Png.StartsWith("charts/runtimes", StringComparison.Ordinal));
        AssertWithinLimits(rendered);
    }

    private void AssertWithinLimits(IReadOnlyList<ChartFile> rendered)
    {
        Assert.All(rendered, chart =>
        {
            var (width, height) = ChartImages.PngSize(Path.Combine(_folder, chart.Png));
            Assert.InRange(width, 300, Math.Min(ChartCanvas.MaxWidth, 1600));
            Assert.InRange(height, 150, Math.Min(ChartCanvas.MaxHeight, 2000));
            ChartImages.AssertSvg(Path.Combine(_folder, chart.Svg));
        });
    }

    [Fact]
    public void A_case_without_trajectory_samples_still_renders()
    {
        var unsampled = ReportSamples.Closing with { Census = ReportSamples.Closing.Census with { Trajectory = [] } };

        var charts = StudyCharts.Render(_folder, [unsampled]);

        Assert.All(charts, c => ChartImages.PngSize(Path.Combine(_folder, c.Png)));
    }

    [Fact]
    public void Study_report_writes_the_folder_and_links_only_files_that_exist()
    {
        Directory.CreateDirectory(_folder);
        string path;
        using (CultureScope.German())
        {
            path = ReportRenderer.Write(new RunData(_folder, RunFolderSamples.ManifestOf(ReportSamples.Environment, ReportSamples.Rows), ReportSamples.Rows, SeedSamples.Article(), Shapes: null, RuntimePairs: []), _folder);
        }

        Assert.Equal(Path.Combine(_folder, "report.md"), path);
        var markdown = File.ReadAllText(path);
        Assert.Contains("## Go and .NET side by side\n\n## " + LeakBench.Seed.SeedMarkdown.Title, markdown, StringComparison.Ordinal);
        Assert.Equal(ReportSamples.Expected("expected-report.csv"), File.ReadAllText(Path.Combine(_folder, "report.csv")));
        var links = System.Text.RegularExpressions.Regex.Matches(markdown, @"\]\((charts/[^)]+)\)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(8, links.Count);
        Assert.All(links, link => Assert.True(File.Exists(Path.Combine(_folder, link)), link));
        // The headline figure comes before the first table.
        Assert.True(markdown.IndexOf("charts/matrix.png", StringComparison.Ordinal) < markdown.IndexOf("## Environment", StringComparison.Ordinal));
    }

    [Fact]
    public void Study_report_writes_nothing_for_rows_it_rejects()
    {
        var empty = ReportSamples.Leaking with { Census = ReportSamples.Leaking.Census with { Succeeded = 0 } };

        Assert.Throws<RunFolderException>(() => ReportRenderer.Write(new RunData(_folder, RunFolderSamples.ManifestOf(ReportSamples.Environment, [empty]), [empty], Seed: null, Shapes: null, RuntimePairs: []), _folder));
        Assert.False(File.Exists(Path.Combine(_folder, "report.md")));
        Assert.False(Directory.Exists(Path.Combine(_folder, "charts")));
    }
}
