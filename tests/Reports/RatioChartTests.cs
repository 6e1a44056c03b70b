using LeakBench.Reports;
using LeakBench.Reports.Charts;
using ScottPlot.Plottables;

namespace LeakBench.Tests.Reports;

/// <summary>Ratios to the baseline on a log axis: which cases get a bar, and the bars, whiskers and 1× line in log10.</summary>
public sealed class RatioChartTests
{
    [Fact]
    public void Every_row_gets_its_paired_ratio_or_its_verdict_never_an_unpaired_figure()
    {
        var rows = StudySamples.FullStudy;

        var bars = CostRatios.Latency(rows);

        // Every row of the run has exactly one median slot: the twelve rows of issue 20 (large gen0, TLS resumption
        // off, the 2 MiB connection-limit case) included.
        Assert.Equal(rows.Count, bars.Count(b => b.Series == CostRatios.Median));
        var slots = rows.Zip(bars.Where(b => b.Series == CostRatios.Median)).ToList();
        foreach (var (row, slot) in slots)
        {
            if (row.NotTimed is not null)
            {
                Assert.Null(slot.Ratio);
                Assert.Equal("not timed: " + row.VerdictText, slot.Instead);
            }
            else if (row.Census.Latency?.Median is { } median)
            {
                Assert.Equal((median.Ratio, median.Lower, median.Upper), (slot.Ratio!.Value, slot.Lower!.Value, slot.Upper!.Value));
                Assert.EndsWith(LeakBench.Statistics.RatioVerdict.Figures(median), slot.ValueText, StringComparison.Ordinal);
            }
            else
            {
                Assert.Null(slot.Ratio);
                Assert.StartsWith("no paired ratio: ", slot.Instead, StringComparison.Ordinal);
            }
        }

        // A method that changes more than dispose and drain sits in its baseline's group, named by what differs.
        Assert.Contains(bars, b => b.Group == "Http2 · HeadersRead · 1 KiB · h2" && b.Label == "undisposed, unread · large gen0" && b.Ratio is not null);
        Assert.Contains(bars, b => b.Group == "Tls · HeadersRead · 1 KiB · TLS" && b.Label == "undisposed, unread · TLS, no resume");
        Assert.Contains(bars, b => b.Group == "ConnectionLimit · HeadersRead · 1 KiB · max 10 conns" && b.Label == "disposed, unread · 2 MiB" && b.Ratio is not null);
        // The tail is drawn where it has a verdict, and labelled with it.
        var leak = Assert.Single(bars, b => b.Group == "DisposeDrain · HeadersRead · 1 KiB" && b.Label == "undisposed, unread" && b.Series == CostRatios.P95);
        Assert.Equal("P95 slower ×2.51 [2.00–3.11]", leak.ValueText);
    }

    [Fact]
    public void Allocation_slots_are_the_rows_own_ratios_and_untimed_rows_say_why()
    {
        var rows = StudySamples.FullStudy;

        var bars = CostRatios.Allocations(rows);

        Assert.Equal(rows.Count(r => !r.IsBaseline), bars.Count);
        Assert.All(rows.Where(r => !r.IsBaseline).Zip(bars), pair =>
        {
            var (row, bar) = pair;
            Assert.Equal(row.AllocationRatio, bar.Ratio);
            Assert.Equal(row.NotTimed is null ? null : "not timed: " + row.VerdictText, bar.Instead);
        });
        Assert.Empty(CostRatios.Allocations(ReportSamples.Rows.Select(r => r with { AllocationRatio = null }).ToList()));
    }

    [Fact]
    public void The_chart_draws_one_bar_per_ratio_at_its_log10_from_the_1x_line()
    {
        using var chart = RatioChart.Draw("Latency", "ratio",
        [
            new RatioBar("a", "g", "median", 2), new RatioBar("a", "g", "P95", 3), new RatioBar("b", "g", "median", 0.5), new RatioBar("b", "g", "P95", 0.25),
            RatioBar.Without("c", "g", "median", "not timed: stalls at request 101"),
        ]);

        Assert.Equal(4, chart.Drawn.Count);
        Assert.Equal(chart.Bars.Select(b => Math.Log10(b.Ratio!.Value)), chart.Drawn.Select(b => b.Value));
        Assert.Equal("not timed: stalls at request 101", Assert.Single(chart.Words).Instead);
        Assert.Equal(RatioChart.HeightOf(chart.Bars.Concat(chart.Words).ToList()), chart.Height);
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
        Assert.Throws<ArgumentException>(() => RatioChart.Draw("t", "x", [new RatioBar("a", "g", "s", null)]));
        Assert.Throws<ArgumentException>(() => RatioChart.Draw("t", "x", [new RatioBar("a", "g", "s", 1) { Instead = "both" }]));
    }

    [Fact]
    public void Runtime_ratios_come_in_version_order_against_the_oldest_runtime()
    {
        var net9 = new StudyRuntime(".NET 9.0.9", "net9.0");
        double[] blocks = [100, 104, 98, 101, 99, 103, 97, 102];
        StudyRow On(StudyRuntime runtime, double scale) => ReportSamples.Leaking with
        {
            Runtime = runtime,
            Census = ReportSamples.Leaking.Census with { Latency = new Pairing.PairedLatency { IsAa = false, Pairs = 8, Seconds = 1, SocketBoundGcs = 0, CaseBlockMediansUs = blocks.Select(b => b * scale).ToArray() } },
        };

        // Measured in the order 10, 8, 9: the chart still reads 9 then 10 against 8; the ratio is the block medians'.
        var bars = CostRatios.Runtimes([On(ReportSamples.Net10, 0.5), On(ReportSamples.Net8, 1), On(net9, 0.75)]);

        Assert.Equal([".NET 9.0.9", ".NET 10.0.12"], bars.Select(b => b.Series));
        Assert.Equal(0.75, bars[0].Ratio!.Value, 9);
        Assert.Equal(0.5, bars[1].Ratio!.Value, 9);
        Assert.All(bars, b => Assert.True(b.Lower < b.Ratio && b.Ratio < b.Upper));
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
