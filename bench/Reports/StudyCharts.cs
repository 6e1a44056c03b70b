using LeakBench.Reports.Charts;

namespace LeakBench.Reports;

/// <summary>
/// The report's charts (ScottPlot, headless through its bundled SkiaSharp), each saved as PNG and SVG under
/// <see cref="Folder"/>: the headline matrix, the trajectories of the cases that open connections, the paired
/// latency ratios and the allocation ratios to the group's baseline, and latency across runtimes. Each figure is one
/// file per benchmark class when the run has several, split further where a file would be taller than
/// <see cref="ChartCanvas.MaxHeight"/>. Which charts there are, their names and captions are a pure function of the
/// rows (<see cref="Plan"/>); <see cref="Render"/> draws them.
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

        foreach (var part in Split(rows, subset => MatrixChart.HeightOf(rows, subset)))
        {
            charts.Add(new Chart(
                File("matrix" + part.Name, "What the code does × body and completion" + part.Title,
                    "Each cell is one case: its colour is connections opened per 1,000 requests (log scale: dark is one reused connection, yellow a connection per request), its word the verdict.")
                    with { IsHeadline = charts.Count == 0 },
                (png, svg) =>
                {
                    using var matrix = MatrixChart.Draw(rows, part.Rows);
                    ChartCanvas.Save(matrix.Plot, png, svg, matrix.Width, matrix.Height);
                }));
        }

        foreach (var part in Split(rows.Where(TrajectoryChart.Draws).ToList(), TrajectoryChart.HeightOf))
        {
            var classRows = rows.Where(r => part.Rows.Any(p => p.Benchmark == r.Benchmark)).ToList();
            charts.Add(new Chart(
                File("trajectories" + part.Name, "Open sockets while the requests run" + part.Title,
                    $"One panel per case that opened more than {ReportFormat.Per1k(VerdictRules.ReuseMaxConnectionsPer1k)} connections per 1,000 requests, on the same axes: " +
                    "a leak climbs until a GC (ticks under the axis, black: gen 2) runs its finalizers; the grey line is the group's baseline.")
                    with { Note = TrajectoryChart.Reused(classRows) },
                (png, svg) =>
                {
                    using var trajectories = TrajectoryChart.Draw(rows, part.Rows)!;
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

        charts.AddRange(RatioCharts(rows, subset => CostRatios.Latency(rows, subset), "latency", "Latency against the baseline, paired",
            "Each case's latency over its group's baseline, timed side by side: the ratio of block medians (bar) with its 95% bounds (whiskers), and of block P95s where the tail has a verdict, " +
            "on a log axis, right of the 1× line slower. The words are the verdict against the group's margin and the figures of report.csv's latency_ratio; " +
            "each group opens with its baseline against itself (A/A); a case not timed on purpose shows its verdict instead of a ratio. " +
            $"The shaded band is the run's margin (±{ReportFormat.Percent(rows.Select(AaCheck.MarginFor).First())}): no practical difference only when the whiskers lie within it, slower or faster only when wholly beyond it.",
            "paired latency ratio, case ÷ the group's baseline (log scale)", null, rows.Select(AaCheck.MarginFor).First()));

        charts.AddRange(RatioCharts(rows, subset => CostRatios.Allocations(rows, subset), "allocations", "Allocation against the baseline",
            "Bytes allocated per request of each case over its group's baseline (BenchmarkDotNet's figures, exact: no bounds), on a log axis: right of the 1× line allocates more than doing it right; " +
            "a case not timed on purpose shows its verdict instead.",
            "bytes allocated per request ÷ the group's baseline (log scale)", null, margin: null));

        if (RuntimeComparison.Of(rows, baselineRuntime) is { } comparison)
        {
            var reference = comparison.Baseline.Name;
            // The same figure the Runtimes compared table shows, named by its source.
            var source = comparison.Rows.Any(r => r.LatencyPaired)
                ? "the cross-runtime pairing's ratio (processes of the two runtimes alive together, as in Runtimes paired)"
                : "the ratio of the two runs' block medians";
            charts.AddRange(RatioCharts(rows, subset => CostRatios.Runtimes(rows, baselineRuntime, subset), "runtimes", "Runtimes compared",
                $"Latency of each case on each runtime over the same case on {reference}: {source} with its 95% bounds and verdict, runtimes in version order, on a log axis: right of the 1× line is slower than on {reference}.",
                $"median latency ÷ the same case on {reference} (log scale)",
                comparison.Runtimes.Select(r => r.Name).ToList(), rows.Select(AaCheck.MarginFor).First()));
        }

        return charts;
    }

    private static List<Chart> RatioCharts(IReadOnlyList<StudyRow> rows, Func<IReadOnlyCollection<StudyRow>?, IReadOnlyList<RatioBar>> bars, string name, string title, string caption, string axisLabel, IReadOnlyList<string>? seriesOrder, double? margin)
    {
        if (bars(null).Count == 0)
        {
            return [];
        }

        return Split(rows, subset => RatioChart.HeightOf(bars(subset)))
            .Select(part => (Part: part, Bars: bars(part.Rows)))
            .Where(p => p.Bars.Count > 0)
            .Select(p => new Chart(File(name + p.Part.Name, title + p.Part.Title, caption), (png, svg) =>
            {
                using var chart = RatioChart.Draw(title + p.Part.Title, axisLabel, p.Bars, seriesOrder, margin);
                ChartCanvas.Save(chart.Plot, png, svg, RatioChart.Width, chart.Height);
            }))
            .ToList();
    }

    /// <summary>One file of a split figure: the suffix of its name ("-DisposeDrain"), of its title (" · DisposeDrain") and its rows.</summary>
    private sealed record Part(string Name, string Title, IReadOnlyList<StudyRow> Rows);

    /// <summary>
    /// Splits a figure so that no file is taller than <see cref="ChartCanvas.MaxHeight"/>: one file per benchmark class
    /// (no suffix when the run has one class); a class still too tall, one file per runtime; a runtime still too tall,
    /// consecutive groups (a case with its group's baseline) per file, numbered.
    /// </summary>
    private static List<Part> Split(IReadOnlyList<StudyRow> rows, Func<IReadOnlyCollection<StudyRow>, int> height)
    {
        var parts = new List<Part>();
        var classes = rows.GroupBy(r => r.Benchmark, StringComparer.Ordinal).ToList();
        foreach (var benchmark in classes)
        {
            var (name, title) = classes.Count > 1
                ? ("-" + ChartGroups.ShortBenchmark(benchmark.Key), " · " + ChartGroups.ShortBenchmark(benchmark.Key))
                : ("", "");
            var classRows = benchmark.ToList();
            if (height(classRows) <= ChartCanvas.MaxHeight)
            {
                parts.Add(new Part(name, title, classRows));
                continue;
            }

            foreach (var runtime in ChartGroups.Runtimes(classRows))
            {
                var runtimeRows = classRows.Where(r => r.Runtime.Moniker == runtime.Moniker).ToList();
                var (runtimeName, runtimeTitle) = (name + "-" + runtime.Moniker, title + " · " + runtime.Name);
                if (height(runtimeRows) <= ChartCanvas.MaxHeight)
                {
                    parts.Add(new Part(runtimeName, runtimeTitle, runtimeRows));
                    continue;
                }

                var chunk = new List<StudyRow>();
                var number = 0;
                foreach (var group in runtimeRows.GroupBy(r => r.IsBaseline ? r : ChartGroups.BaselineOf(r, rows) ?? r))
                {
                    if (chunk.Count > 0 && height([.. chunk, .. group]) > ChartCanvas.MaxHeight)
                    {
                        number++;
                        parts.Add(new Part($"{runtimeName}-{number}", $"{runtimeTitle} ({number})", chunk));
                        chunk = [];
                    }

                    chunk.AddRange(group);
                }

                if (chunk.Count > 0)
                {
                    number++;
                    parts.Add(new Part($"{runtimeName}-{number}", $"{runtimeTitle} ({number})", chunk));
                }
            }
        }

        return parts;
    }

    private static ChartFile File(string name, string title, string caption) =>
        new(title, caption, $"{Folder}/{name}.png", $"{Folder}/{name}.svg");
}
