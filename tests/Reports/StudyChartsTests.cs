using System.Xml.Linq;
using LeakBench.Reports;
using ScottPlot.Plottables;

namespace LeakBench.Tests.Reports;

/// <summary>The charts: one series per case, and real PNG and SVG files that the report links.</summary>
public sealed class StudyChartsTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "leakbench-report-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Trajectory_has_one_line_per_case_of_its_body_size()
    {
        using var small = StudyCharts.Trajectory(ReportSamples.Rows, 1024);
        using var large = StudyCharts.Trajectory(ReportSamples.Rows, 2 * 1024 * 1024);

        var lines = small.GetPlottables().OfType<Scatter>().ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal(["disposed · read to end · ContentRead · 1 KiB [baseline]", "undisposed · unread · ContentRead · 1 KiB", "undisposed · unread · HeadersRead · 1 KiB"], lines.Select(l => l.LegendText));
        // The leak's samples, at 200, 400, ... 1000 requests sent.
        var leak = lines[2].Data.GetScatterPoints();
        Assert.Equal([200.0, 400, 600, 800, 1000], leak.Select(p => p.X));
        Assert.Equal([200.0, 400, 598, 798, 998], leak.Select(p => p.Y));
        Assert.Single(large.GetPlottables().OfType<Scatter>());
    }

    [Fact]
    public void Latency_has_one_bar_group_per_case_and_marks_the_baseline()
    {
        using var plot = StudyCharts.Latency(ReportSamples.Rows);

        var series = plot.GetPlottables().OfType<BarPlot>().ToList();
        Assert.Equal(ReportSamples.Rows.Count, series.Count);
        Assert.All(series, s => Assert.Equal(3, s.Bars.Count));
        // The closing case: P50, P95, P99 in ms (the largest P99 is 2.1 ms).
        Assert.Equal([1.2, 1.45, 2.1], series[3].Bars.Select(b => Math.Round(b.Value, 6)));
        var baselineLine = Assert.Single(plot.GetPlottables().OfType<VerticalLine>());
        Assert.Equal(0.0825, baselineLine.X, 6);
    }

    [Fact]
    public void Allocations_has_one_bar_per_case_that_measured_it()
    {
        var unmeasured = ReportSamples.Reused with { AllocatedBytesPerRequest = null };
        using var plot = StudyCharts.Allocations([ReportSamples.Baseline, unmeasured, ReportSamples.Leaking, ReportSamples.Closing]);

        var series = plot.GetPlottables().OfType<BarPlot>().ToList();
        Assert.Equal(3, series.Count);
        Assert.Equal([3456.25 / 1024, 9876.5 / 1024, 12345.0 / 1024], series.Select(s => Assert.Single(s.Bars).Value));
    }

    [Fact]
    public void Render_writes_valid_png_and_svg_files_at_the_planned_paths()
    {
        StudyCharts.Render(_folder, ReportSamples.Rows);
        var charts = StudyCharts.Plan(ReportSamples.Rows);

        Assert.Equal(
            ["charts/trajectory-1KiB", "charts/trajectory-2MiB", "charts/latency", "charts/allocations"],
            charts.Select(c => c.Png[..^".png".Length]));
        foreach (var chart in charts)
        {
            var png = File.ReadAllBytes(Path.Combine(_folder, chart.Png));
            Assert.True(png.Length > 1000, $"{chart.Png} is {png.Length} bytes");
            Assert.Equal(PngSignature, png[..8]);
            var svg = XDocument.Load(Path.Combine(_folder, chart.Svg));
            Assert.Equal(XName.Get("svg", "http://www.w3.org/2000/svg"), svg.Root!.Name);
            Assert.NotEmpty(svg.Root.Descendants());
        }
    }

    [Fact]
    public void A_case_without_trajectory_samples_is_still_a_series_and_still_renders()
    {
        var unsampled = ReportSamples.Closing with { Census = ReportSamples.Closing.Census with { Trajectory = [] } };
        using var plot = StudyCharts.Trajectory([unsampled], unsampled.Case.BodyBytes);

        Assert.Single(plot.GetPlottables().OfType<Scatter>());
        StudyCharts.Render(_folder, [unsampled]);
        var charts = StudyCharts.Plan([unsampled]);
        Assert.Equal(PngSignature, File.ReadAllBytes(Path.Combine(_folder, charts[0].Png))[..8]);
    }

    [Fact]
    public void Study_report_writes_the_folder_and_links_only_files_that_exist()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, "seed.md"), "| Go test | goroutines |\n|---|---|\n| testFun1 | 11 |\n");
        string path;
        using (CultureScope.German())
        {
            path = StudyReport.Write(_folder, ReportSamples.Environment, ReportSamples.Rows);
        }

        Assert.Equal(Path.Combine(_folder, "report.md"), path);
        var markdown = File.ReadAllText(path);
        Assert.Contains("## Go and .NET side by side\n\n| Go test | goroutines |", markdown, StringComparison.Ordinal);
        Assert.Equal(ReportSamples.Expected("expected-report.csv"), File.ReadAllText(Path.Combine(_folder, "report.csv")));
        var links = System.Text.RegularExpressions.Regex.Matches(markdown, @"\]\((charts/[^)]+)\)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(8, links.Count);
        Assert.All(links, link => Assert.True(File.Exists(Path.Combine(_folder, link)), link));
    }

    [Fact]
    public void Study_report_writes_nothing_for_rows_it_rejects()
    {
        var empty = ReportSamples.Leaking with { Census = ReportSamples.Leaking.Census with { Succeeded = 0 } };

        Assert.Throws<ArgumentException>(() => StudyReport.Write(_folder, ReportSamples.Environment, [empty]));
        Assert.False(File.Exists(Path.Combine(_folder, "report.md")));
        Assert.False(Directory.Exists(Path.Combine(_folder, "charts")));
    }
}
