namespace LeakBench.Reports.Charts;

/// <summary>
/// The ratio charts' bars, computed from the rows: each case against its group's baseline (latency, allocation), or
/// each case on a runtime against the same case on the baseline runtime. Rows without a reference draw no bar.
/// </summary>
public static class CostRatios
{
    public const string Median = "median";
    public const string P95 = "P95";
    public const string Allocated = "allocated";

    /// <summary>Median and P95 latency per request over the group's baseline.</summary>
    public static IReadOnlyList<RatioBar> Latency(IReadOnlyList<StudyRow> rows) =>
        AgainstBaseline(rows, (row, baseline) =>
        [
            (Median, Ratio(row.MedianNs, baseline.MedianNs)),
            (P95, Ratio(row.P95Ns, baseline.P95Ns)),
        ]);

    /// <summary>Bytes allocated per request over the group's baseline, where both measured it.</summary>
    public static IReadOnlyList<RatioBar> Allocations(IReadOnlyList<StudyRow> rows) =>
        AgainstBaseline(rows, (row, baseline) => [(Allocated, Ratio(row.AllocatedBytesPerRequest, baseline.AllocatedBytesPerRequest))]);

    /// <summary>P95 latency per request of each case on each other runtime over the same case on the baseline runtime; empty for one runtime.</summary>
    public static IReadOnlyList<RatioBar> Runtimes(IReadOnlyList<StudyRow> rows, string? baselineRuntime = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (RuntimeComparison.Of(rows, baselineRuntime) is not { } comparison)
        {
            return [];
        }

        // Grouped and labelled as on one runtime: the series is the runtime, in version order.
        var oneRuntime = rows.Where(r => r.Runtime.Moniker == comparison.Baseline.Moniker).ToList();
        return comparison.Rows
            .Where(c => c.Row.Runtime.Moniker != comparison.Baseline.Moniker && c.P95Ratio is > 0 && c.OnBaselineRuntime is not null)
            .Select(c => new RatioBar(
                ChartGroups.WhatTheCodeDoes(c.OnBaselineRuntime!, oneRuntime), GroupTitle(c.OnBaselineRuntime!, oneRuntime), c.Row.Runtime.Name, c.P95Ratio!.Value))
            .ToList();
    }

    /// <summary>The heading of a case's group: benchmark, completion, body, the label's further parts, and the runtime when there are several.</summary>
    public static string GroupTitle(StudyRow row, IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(rows);
        var parts = new List<string> { ChartGroups.ShortBenchmark(row.Benchmark), ChartGroups.Completion(row.Case.Completion), ChartGroups.Body(row) };
        parts.AddRange(ChartGroups.FurtherDimensions(row));
        if (ChartGroups.SeveralRuntimes(rows))
        {
            parts.Add(row.Runtime.Name);
        }

        return string.Join(" · ", parts);
    }

    private static List<RatioBar> AgainstBaseline(IReadOnlyList<StudyRow> rows, Func<StudyRow, StudyRow, (string Series, double? Ratio)[]> ratios)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var runtimeOrder = RuntimeComparison.RuntimesOf(rows).Select(r => r.Moniker).ToList();
        var bars = new List<RatioBar>();
        foreach (var row in rows.OrderBy(r => runtimeOrder.IndexOf(r.Runtime.Moniker))) // a stable sort: then the run's order
        {
            if (ChartGroups.BaselineOf(row, rows) is not { } baseline)
            {
                continue;
            }

            foreach (var (series, ratio) in ratios(row, baseline))
            {
                if (ratio is > 0)
                {
                    bars.Add(new RatioBar(ChartGroups.WhatTheCodeDoes(row, rows), GroupTitle(row, rows), series, ratio.Value));
                }
            }
        }

        return bars;
    }

    private static double? Ratio(double? value, double? baseline) => value is { } v && baseline is > 0 ? v / baseline.Value : null;
}
