using LeakBench.Cases;
using LeakBench.Reports;
using LeakBench.Reports.Charts;
using ScottPlot.Plottables;

namespace LeakBench.Tests.Reports;

/// <summary>Ratios to the baseline on a log axis: which cases get a bar, and the bars, whiskers and 1× line in log10.</summary>
public sealed class RatioChartTests
{
    // The leak's group baseline: disposed and read to the end, ResponseHeadersRead, 1 KiB.
    private static readonly StudyRow HeadersBaseline = ReportSamples.Baseline with
    {
        Case = ReportSamples.Leaking.Case with { Disposed = true, Drain = Drain.Full },
        MedianNs = 70_000,
        P95Ns = 105_000,
        AllocatedBytesPerRequest = 2_000,
    };

    private static readonly IReadOnlyList<StudyRow> Rows = [.. ReportSamples.Rows, HeadersBaseline];

    [Fact]
    public void Every_case_with_a_baseline_in_its_group_gets_median_and_P95_bars()
    {
        var bars = CostRatios.Latency(Rows);

        // Reused (ContentRead 1 KiB) and Leaking (HeadersRead 1 KiB) have baselines; Closing (2 MiB) has none here.
        Assert.Equal(
        [
            new RatioBar("undisposed, unread", "DisposeDrain · ContentRead · 1 KiB", "median", 59_500 / 58_000.0),
            new RatioBar("undisposed, unread", "DisposeDrain · ContentRead · 1 KiB", "P95", 90_750 / 82_500.0),
            new RatioBar("undisposed, unread", "DisposeDrain · HeadersRead · 1 KiB", "median", 2.0),
            new RatioBar("undisposed, unread", "DisposeDrain · HeadersRead · 1 KiB", "P95", 2.0),
        ], bars);
        Assert.Equal(
        [
            new RatioBar("undisposed, unread", "DisposeDrain · ContentRead · 1 KiB", "allocated", 3_500 / 3_456.25),
            new RatioBar("undisposed, unread", "DisposeDrain · HeadersRead · 1 KiB", "allocated", 9_876.5 / 2_000),
        ], CostRatios.Allocations(Rows));
    }

    [Fact]
    public void The_chart_draws_one_bar_per_ratio_at_its_log10_from_the_1x_line()
    {
        using var chart = RatioChart.Draw("Latency", "ratio", CostRatios.Latency(Rows));

        Assert.Equal(4, chart.Drawn.Count);
        Assert.Equal(chart.Bars.Select(b => Math.Log10(b.Ratio)), chart.Drawn.Select(b => b.Value));
        Assert.All(chart.Drawn, b => Assert.Equal(0, b.ValueBase));
        // The 1× reference is a single line at log10(1) = 0.
        Assert.Equal(0, Assert.Single(chart.Plot.GetPlottables().OfType<VerticalLine>()).X);
        // Two series: a legend of two items, inside the plot.
        Assert.Equal(2, chart.Plot.Legend.ManualItems.Count);
        Assert.InRange(RatioChart.Width, 1, ChartCanvas.MaxWidth);
    }

    [Fact]
    public void Bounds_are_drawn_as_whiskers_on_the_same_log_scale()
    {
        using var chart = RatioChart.Draw("Latency", "ratio", [new RatioBar("case", "group", "P95", 2, Lower: 1.25, Upper: 4)]);

        var whiskers = chart.Plot.GetPlottables().OfType<LinePlot>().ToList();
        Assert.Equal(3, whiskers.Count); // the span and its two end caps
        Assert.Equal(Math.Log10(1.25), whiskers[0].Start.X, 9);
        Assert.Equal(Math.Log10(4), whiskers[0].End.X, 9);
        Assert.Equal(Math.Log10(2), Assert.Single(chart.Drawn).Value, 9);
        // The axis reaches past the upper bound, and at least from 0.1× to 10×.
        var limits = chart.Plot.Axes.GetLimits();
        Assert.True(limits.Left <= -1 && limits.Right >= 1, $"{limits.Left} .. {limits.Right}");
    }

    [Fact]
    public void Ratios_and_bounds_must_be_positive()
    {
        Assert.Throws<ArgumentException>(() => RatioChart.Draw("t", "x", []));
        Assert.Throws<ArgumentException>(() => RatioChart.Draw("t", "x", [new RatioBar("a", "g", "s", 0)]));
        Assert.Throws<ArgumentException>(() => RatioChart.Draw("t", "x", [new RatioBar("a", "g", "s", 1, Lower: -1, Upper: 2)]));
    }

    [Fact]
    public void Runtime_ratios_come_in_version_order_against_the_oldest_runtime()
    {
        var net9 = new StudyRuntime(".NET 9.0.9", "net9.0");
        // Measured in the order 10, 8, 9: the chart still reads 9 then 10 against 8.
        var rows = new[]
        {
            ReportSamples.Leaking,
            ReportSamples.Leaking with { Runtime = ReportSamples.Net8, P95Ns = 420_000 },
            ReportSamples.Leaking with { Runtime = net9, P95Ns = 315_000 },
        };

        var bars = CostRatios.Runtimes(rows);

        Assert.Equal([".NET 9.0.9", ".NET 10.0.12"], bars.Select(b => b.Series));
        Assert.Equal([0.75, 0.5], bars.Select(b => b.Ratio));
        Assert.All(bars, b => Assert.Equal("DisposeDrain · HeadersRead · 1 KiB", b.Group));
        Assert.Empty(CostRatios.Runtimes(ReportSamples.Rows));
    }

    [Fact]
    public void Log_ticks_are_labelled_in_the_ratio_itself()
    {
        var ticks = ChartCanvas.LogTicks("×");

        Assert.Equal("0.1×", ticks.LabelFormatter(-1));
        Assert.Equal("1×", ticks.LabelFormatter(0));
        Assert.Equal("100×", ticks.LabelFormatter(2));
        Assert.IsType<ScottPlot.TickGenerators.LogMinorTickGenerator>(ticks.MinorTickGenerator);
    }
}
