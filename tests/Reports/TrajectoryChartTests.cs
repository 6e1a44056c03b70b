using LeakBench.Census;
using LeakBench.Reports;
using LeakBench.Reports.Charts;
using ScottPlot.Plottables;

namespace LeakBench.Tests.Reports;

/// <summary>Trajectories as small multiples: a panel per case that opens connections, its baseline in grey, shared axes, GCs marked.</summary>
public sealed class TrajectoryChartTests
{
    // The leak's group baseline: disposed and read to the end, ResponseHeadersRead, 1 KiB.
    private static readonly StudyRow HeadersBaseline = ReportSamples.Baseline with
    {
        Case = ReportSamples.Leaking.Case with { Disposed = true, Drain = LeakBench.Cases.Drain.Full },
    };

    [Fact]
    public void One_panel_per_case_that_opens_more_than_reuse_does()
    {
        using var chart = TrajectoryChart.Draw([.. ReportSamples.Rows, HeadersBaseline])!;

        Assert.Equal([ReportSamples.Leaking, ReportSamples.Closing], chart.Drawn);
        Assert.Equal(2, chart.Multiplot.Subplots.Count);
        Assert.InRange(chart.Width, 1, ChartCanvas.MaxWidth);
    }

    [Fact]
    public void A_panel_draws_the_case_over_its_baseline_in_grey_on_shared_axes()
    {
        // The closing case's catalog baseline (disposed, read to the end, 2 MiB) is not among these rows.
        var orphan = ReportSamples.Closing with { BaselineCase = ReportSamples.Closing.Case with { Drain = LeakBench.Cases.Drain.Full } };
        using var chart = TrajectoryChart.Draw([ReportSamples.Baseline, ReportSamples.Reused, ReportSamples.Leaking, orphan, HeadersBaseline])!;
        var leak = chart.Multiplot.Subplots.GetPlot(0);
        var close = chart.Multiplot.Subplots.GetPlot(1);

        var lines = leak.GetPlottables().OfType<Scatter>().ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal(ChartCanvas.Baseline, lines[0].Color);
        Assert.Equal([1.0, 1, 1, 1, 1], lines[0].Data.GetScatterPoints().Select(p => p.Y));
        Assert.Equal(ChartCanvas.Case, lines[1].Color);
        Assert.Equal([200.0, 400, 600, 800, 1000], lines[1].Data.GetScatterPoints().Select(p => p.X));
        Assert.Equal([200.0, 400, 598, 798, 998], lines[1].Data.GetScatterPoints().Select(p => p.Y));
        // The closing case has no baseline in these rows: its line alone, on the leak's axes.
        Assert.Single(close.GetPlottables().OfType<Scatter>());
        Assert.Equal(leak.Axes.GetLimits(), close.Axes.GetLimits());
        Assert.True(leak.Axes.GetLimits().Top >= 998);
    }

    [Fact]
    public void GCs_are_marked_on_the_request_axis_by_generation()
    {
        var withGcs = ReportSamples.Leaking with
        {
            Census = ReportSamples.Leaking.Census with { GcEvents = [new GcEvent(120, 0), new GcEvent(530, 2), new GcEvent(800, 0)] },
        };

        using var chart = TrajectoryChart.Draw([withGcs])!;

        var marks = chart.Multiplot.Subplots.GetPlot(0).GetPlottables().OfType<Markers>().ToList();
        Assert.Equal([120.0, 800, 530], marks.SelectMany(m => m.Data.GetScatterPoints()).Select(p => p.X));
        Assert.All(marks.SelectMany(m => m.Data.GetScatterPoints()), p => Assert.True(p.Y < 0, "GC ticks sit under the request axis"));
    }

    [Fact]
    public void A_partial_last_step_is_drawn_at_the_request_it_was_taken()
    {
        var stopped = ReportSamples.Leaking with
        {
            Census = ReportSamples.Leaking.Census with { Succeeded = 950, Trajectory = [200, 400, 598, 798, 948] },
        };

        Assert.Equal([200.0, 400, 600, 800, 950], TrajectoryChart.Points(stopped).Xs);
    }

    [Fact]
    public void Nothing_is_drawn_when_every_case_reuses_its_connection()
    {
        Assert.Null(TrajectoryChart.Draw([ReportSamples.Baseline, ReportSamples.Reused]));
        Assert.Null(TrajectoryChart.Reused([ReportSamples.Leaking]));
    }
}
