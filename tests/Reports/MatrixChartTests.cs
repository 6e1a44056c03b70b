using LeakBench.Cases;
using LeakBench.Reports;
using LeakBench.Reports.Charts;
using ScottPlot.Plottables;

namespace LeakBench.Tests.Reports;

/// <summary>The headline matrix: a cell per row, each carrying its verdict word, coloured by connections per 1,000 on a log scale.</summary>
public sealed class MatrixChartTests
{
    [Fact]
    public void Every_row_has_a_cell_that_carries_its_verdict_word()
    {
        using var chart = MatrixChart.Draw(ReportSamples.Rows);

        Assert.Equal(ReportSamples.Rows.Count, chart.Cells.Count);
        Assert.Equal(ReportSamples.Rows.ToHashSet(), chart.Cells.Select(c => c.Row).ToHashSet());
        Assert.Equal(
            ["reuse", "reuse", "leak→GC", "close"],
            ReportSamples.Rows.Select(r => chart.Cells.Single(c => c.Row == r).Word));
        foreach (var cell in chart.Cells)
        {
            Assert.Equal(cell.Word, TextAt(chart, cell.CenterX, cell.CenterY));
        }
    }

    [Fact]
    public void A_changed_verdict_changes_the_annotation()
    {
        // The same leak, but a full GC no longer closes its sockets: it leaks past GC.
        var survived = ReportSamples.Leaking with { Census = ReportSamples.Leaking.Census with { AfterGc = 998 } };
        using var before = MatrixChart.Draw(ReportSamples.Rows);
        using var after = MatrixChart.Draw([ReportSamples.Baseline, ReportSamples.Reused, survived, ReportSamples.Closing]);

        var was = before.Cells.Single(c => c.Row == ReportSamples.Leaking);
        var now = after.Cells.Single(c => c.Row == survived);
        Assert.Equal("leak→GC", TextAt(before, was.CenterX, was.CenterY));
        Assert.Equal("leak past GC", TextAt(after, now.CenterX, now.CenterY));
    }

    [Fact]
    public void Panels_come_from_the_rows_and_stay_within_the_width_limit()
    {
        // A class the chart has never heard of, over HTTP/2, and a second runtime: each is a panel of its own.
        var other = ReportSamples.Rows.Select(r => r with { Benchmark = "SomeNewScenarioBenchmarks" });
        var h2 = ReportSamples.Rows.Select(r => r with { Case = r.Case with { Protocol = HttpProtocol.Http2 } });
        var net8 = ReportSamples.Rows.Select(r => r with { Runtime = ReportSamples.Net8 });
        var rows = ReportSamples.Rows.Concat(other).Concat(h2).Concat(net8).ToList();

        using var chart = MatrixChart.Draw(rows);

        Assert.Equal(rows.Count, chart.Cells.Count);
        Assert.InRange(chart.Width, 1, ChartCanvas.MaxWidth);
        Assert.All(chart.Cells, c => Assert.InRange(c.Left + c.Width, 0, chart.Width));
        Assert.All(chart.Cells, c => Assert.InRange(c.Top + c.Height, 0, chart.Height));
        var titles = Texts(chart).ToList();
        Assert.Contains("SomeNewScenario · .NET 10.0.12", titles);
        Assert.Contains("DisposeDrain · h2 · .NET 10.0.12", titles);
        // .NET 8 before .NET 10: runtimes in version order.
        Assert.True(titles.IndexOf("DisposeDrain · .NET 8.0.22") < titles.IndexOf("DisposeDrain · .NET 10.0.12"));
        // No two cells overlap.
        Assert.Equal(chart.Cells.Count, chart.Cells.Select(c => (c.Left, c.Top)).Distinct().Count());
    }

    [Fact]
    public void The_colour_scale_is_logarithmic_from_a_tenth_to_a_thousand()
    {
        Assert.Equal(0, MatrixChart.ScaleFraction(0.1), 9);
        Assert.Equal(0.25, MatrixChart.ScaleFraction(1), 9);
        Assert.Equal(0.5, MatrixChart.ScaleFraction(10), 9);
        Assert.Equal(1, MatrixChart.ScaleFraction(1000), 9);
        Assert.Equal(0, MatrixChart.ScaleFraction(0), 9); // clamped: no connection at all is the bottom of the scale
        Assert.NotEqual(MatrixChart.ColorOf(0.2), MatrixChart.ColorOf(1000));
    }

    // The text drawn at a cell's centre (the verdict word sits just above it, the number just below).
    private static string? TextAt(MatrixChart chart, double x, double y) =>
        chart.Plot.GetPlottables().OfType<Text>()
            .Where(t => Math.Abs(t.Location.X - x) < 0.5 && Math.Abs(-t.Location.Y - y) < 10 && !t.LabelText.EndsWith("/1k", StringComparison.Ordinal))
            .Select(t => t.LabelText)
            .SingleOrDefault();

    private static IEnumerable<string> Texts(MatrixChart chart) => chart.Plot.GetPlottables().OfType<Text>().Select(t => t.LabelText);
}
