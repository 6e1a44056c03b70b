using LeakBench.Reports.Charts;

namespace LeakBench.Reports;

/// <summary>
/// The report's charts (ScottPlot, headless through its bundled SkiaSharp), each saved as PNG and SVG under
/// <see cref="Folder"/>: the headline matrix, the trajectories of the cases that open connections, latency and
/// allocation as ratios to the group's baseline, and P95 latency as a ratio across runtimes. Which charts there are,
/// their names and captions are a pure function of the rows (<see cref="Plan"/>); <see cref="Render"/> draws them.
/// </summary>
public static class StudyCharts
{
    /// <summary>The charts' folder, relative to the report.</summary>
    public const string Folder = "charts";

    /// <summary>The charts the rows have, without drawing anything.</summary>
    /// <param name="rows">The report's rows.</param>
    /// <param name="baselineRuntime">The runtime comparison's baseline moniker; null for the oldest runtime.</param>
    public static IReadOnlyList<ChartFile> Plan(IReadOnlyList<StudyRow> rows, string? baselineRuntime = null) =>
        Charts(rows, baselineRuntime).Select(c => c.File).ToList();

    /// <summary>Draws the charts of <see cref="Plan"/> into <paramref name="reportFolder"/>/charts and returns them.</summary>
    public static IReadOnlyList<ChartFile> Render(string reportFolder, IReadOnlyList<StudyRow> rows, string? baselineRuntime = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reportFolder);
        var charts = Charts(rows, baselineRuntime);
        Directory.CreateDirectory(Path.Combine(reportFolder, Folder));
        foreach (var chart in charts)
        {
            chart.Draw(Path.Combine(reportFolder, chart.File.Png), Path.Combine(reportFolder, chart.File.Svg));
        }

        return charts.Select(c => c.File).ToList();
    }

    private sealed record Chart(ChartFile File, Action<string, string> Draw);

    private static List<Chart> Charts(IReadOnlyList<StudyRow> rows, string? baselineRuntime)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var charts = new List<Chart>();
        if (rows.Count == 0)
        {
            return charts;
        }

        charts.Add(new Chart(
            File("matrix", "What the code does × body and completion",
                "Each cell is one case: its colour is connections opened per 1,000 requests (log scale: dark is one reused connection, yellow a connection per request), its word the verdict.")
                with { IsHeadline = true },
            (png, svg) =>
            {
                using var matrix = MatrixChart.Draw(rows);
                ChartCanvas.Save(matrix.Plot, png, svg, matrix.Width, matrix.Height);
            }));

        if (rows.Any(TrajectoryChart.Draws))
        {
            charts.Add(new Chart(
                File("trajectories", "Open sockets while the requests run",
                    $"One panel per case that opened more than {ReportFormat.Per1k(VerdictRules.ReuseMaxConnectionsPer1k)} connections per 1,000 requests, on the same axes: " +
                    "a leak climbs until a GC (ticks under the axis, black: gen 2) runs its finalizers; the grey line is the group's baseline.")
                    with { Note = TrajectoryChart.Reused(rows) },
                (png, svg) =>
                {
                    using var trajectories = TrajectoryChart.Draw(rows)!;
                    ChartCanvas.Save(trajectories.Multiplot, png, svg, trajectories.Width, trajectories.Height);
                }));
        }

        if (HoldingsChart.Rows(rows) is { Count: > 0 } holding)
        {
            charts.Add(new Chart(
                File("holdings", "Memory held per leaked connection",
                    "Per leaking case, what one open connection holds until a GC closes it: bytes queued in the kernel on the client's end and on the target's " +
                    "(per client socket open at the end of the requests), and managed bytes the GC kept for finalization (per connection it closed); the case's open sockets beside its name.")
                    with { Note = holding.Count > HoldingsChart.MaxCases ? $"The first {ReportFormat.Count(HoldingsChart.MaxCases)} of {ReportFormat.Count(holding.Count)} leaking cases; the table \"What a leak holds\" has them all." : null },
                (png, svg) =>
                {
                    using var chart = HoldingsChart.Draw(rows);
                    ChartCanvas.Save(chart.Plot, png, svg, HoldingsChart.Width, chart.Height);
                }));
        }

        var latency = CostRatios.Latency(rows);
        if (latency.Count > 0)
        {
            charts.Add(RatioFile(latency, "latency", "Latency against the baseline",
                "Median and P95 latency per request of each case over its group's baseline, on a log axis: right of the 1× line is slower than doing it right, left is faster.",
                "latency per request ÷ the group's baseline (log scale)", null));
        }

        var allocations = CostRatios.Allocations(rows);
        if (allocations.Count > 0)
        {
            charts.Add(RatioFile(allocations, "allocations", "Allocation against the baseline",
                "Bytes allocated per request of each case over its group's baseline, on a log axis: right of the 1× line allocates more than doing it right.",
                "bytes allocated per request ÷ the group's baseline (log scale)", null));
        }

        var runtimes = CostRatios.Runtimes(rows, baselineRuntime);
        if (runtimes.Count > 0 && RuntimeComparison.Of(rows, baselineRuntime) is { } comparison)
        {
            var reference = comparison.Baseline.Name;
            charts.Add(RatioFile(runtimes, "runtimes", "Runtimes compared",
                $"P95 latency per request of each case on each runtime over the same case on {reference}, runtimes in version order, on a log axis: right of the 1× line is slower than on {reference}.",
                $"P95 latency per request ÷ the same case on {reference} (log scale)",
                comparison.Runtimes.Select(r => r.Name).ToList()));
        }

        return charts;
    }

    private static Chart RatioFile(IReadOnlyList<RatioBar> bars, string name, string title, string caption, string axisLabel, IReadOnlyList<string>? seriesOrder) =>
        new(File(name, title, caption), (png, svg) =>
        {
            using var chart = RatioChart.Draw(title, axisLabel, bars, seriesOrder);
            ChartCanvas.Save(chart.Plot, png, svg, RatioChart.Width, chart.Height);
        });

    private static ChartFile File(string name, string title, string caption) =>
        new(title, caption, $"{Folder}/{name}.png", $"{Folder}/{name}.svg");
}
