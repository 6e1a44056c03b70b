using LeakBench.Statistics;

namespace LeakBench.Reports.Charts;

/// <summary>
/// The ratio charts' slots, from the rows' own ratios and never recomputed: latency from the paired ratios with
/// their bounds (report.csv's latency_ratio, its P95 where the tail has a verdict), allocation from the row's exact
/// ratio to its baseline (alloc_ratio), runtimes from the runtime comparison's block-median ratio. A case that has
/// no ratio still gets its slot, with the reason in words (not timed on purpose and its verdict, or why the
/// pairing gave no ratio), so that every row of the run is seen and none is drawn as a ratio it does not have.
/// </summary>
public static class CostRatios
{
    public const string Median = "median";
    public const string P95 = "P95";
    public const string Allocated = "allocated";

    /// <summary>The slot label of a group's baseline paired with itself.</summary>
    public const string AaLabel = "baseline against itself (A/A)";

    /// <summary>
    /// The paired latency ratio of every row (the baseline's A/A included) over its group's baseline, with bounds, and
    /// the P95 ratio where <see cref="AaCheck.TailVerdictOf"/> gives the tail a verdict; empty when no row was paired.
    /// </summary>
    /// <param name="rows">Every row of the run: groups, baselines and margins are found among them.</param>
    /// <param name="drawn">The rows to give a slot (a class, for one file of a split chart); null for all.</param>
    public static IReadOnlyList<RatioBar> Latency(IReadOnlyList<StudyRow> rows, IReadOnlyCollection<StudyRow>? drawn = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (!rows.Any(r => r.Census.Latency is not null))
        {
            return [];
        }

        var bars = new List<RatioBar>();
        foreach (var (row, label, group) in Slots(rows, drawn))
        {
            var latency = row.Census.Latency;
            if (row.NotTimed is not null)
            {
                bars.Add(RatioBar.Without(label, group, Median, NotTimed(row)));
            }
            else if (latency is null)
            {
                bars.Add(RatioBar.Without(label, group, Median, "not paired with a baseline"));
            }
            else if (latency.Median is not { } median)
            {
                bars.Add(RatioBar.Without(label, group, Median, "no paired ratio: " + latency.Failure));
            }
            else
            {
                bars.Add(Bar(label, group, Median, median, latency.IsAa ? "A/A" : Words(AaCheck.VerdictOf(row)), latency.IsAa ? null : AaCheck.MarginFor(row)));
                if (AaCheck.TailVerdictOf(row) is { } tail && latency.P95 is { } p95)
                {
                    bars.Add(Bar(label, group, P95, p95, "P95 " + RatioVerdict.Words(tail), AaCheck.MarginFor(row)));
                }
            }
        }

        return bars;
    }

    /// <summary>
    /// Bytes allocated per request over the group's baseline (the row's exact <see cref="StudyRow.AllocationRatio"/>);
    /// a row without one says why. Empty when no row has one.
    /// </summary>
    public static IReadOnlyList<RatioBar> Allocations(IReadOnlyList<StudyRow> rows, IReadOnlyCollection<StudyRow>? drawn = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (!rows.Any(r => r.AllocationRatio is > 0))
        {
            return [];
        }

        var bars = new List<RatioBar>();
        foreach (var (row, label, group) in Slots(rows, drawn))
        {
            if (row.IsBaseline)
            {
                continue; // 1× by definition
            }

            if (row.AllocationRatio is > 0 and var ratio && row.AllocatedBytesPerRequest is { } bytes)
            {
                bars.Add(new RatioBar(label, group, Allocated, ratio) { ValueText = $"{ReportFormat.Ratio(ratio)} ({ReportFormat.Bytes(bytes)} per request)" });
            }
            else
            {
                bars.Add(RatioBar.Without(label, group, Allocated, row.NotTimed is not null ? NotTimed(row) : "no allocation figure"));
            }
        }

        return bars;
    }

    /// <summary>
    /// The latency of each case on each other runtime over the same case on the baseline runtime: the runtime
    /// comparison's ratio (the cross-runtime pairing's where the run has one) with its bounds and verdict; empty for one runtime.
    /// </summary>
    public static IReadOnlyList<RatioBar> Runtimes(IReadOnlyList<StudyRow> rows, string? baselineRuntime = null, IReadOnlyCollection<StudyRow>? drawn = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (RuntimeComparison.Of(rows, baselineRuntime) is not { } comparison)
        {
            return [];
        }

        // Grouped and labelled as on one runtime: the series is the runtime, in version order.
        var oneRuntime = rows.Where(r => r.Runtime.Moniker == comparison.Baseline.Moniker).ToList();
        var bars = new List<RatioBar>();
        foreach (var c in comparison.Rows.Where(c => c.Row.Runtime.Moniker != comparison.Baseline.Moniker && c.OnBaselineRuntime is not null))
        {
            if (drawn is not null && !drawn.Contains(c.Row))
            {
                continue;
            }

            var reference = c.OnBaselineRuntime!;
            var (label, group, series) = (ChartGroups.WhatTheCodeDoes(reference, oneRuntime), GroupTitle(reference, oneRuntime), c.Row.Runtime.Name);
            if (c.Row.NotTimed is not null)
            {
                bars.Add(RatioBar.Without(label, group, series, $"{series}: {NotTimed(c.Row)}"));
            }
            else if (c.Latency is { } latency)
            {
                bars.Add(Bar(label, group, series, latency, c.Verdict is { } v ? RatioVerdict.Words(v) : null, c.LatencyMargin));
            }
            else
            {
                bars.Add(RatioBar.Without(label, group, series, $"{series}: no ratio ({c.LatencyNote})"));
            }
        }

        return bars;
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

    /// <summary>"not timed: stalls at request 101 until the timeout; a GC frees it": the verdict, never a ratio.</summary>
    public static string NotTimed(StudyRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return "not timed: " + row.VerdictText;
    }

    // Each drawn row with its label and its group's heading (the baseline's), runtimes in version order, then the run's order.
    private static IEnumerable<(StudyRow Row, string Label, string Group)> Slots(IReadOnlyList<StudyRow> rows, IReadOnlyCollection<StudyRow>? drawn)
    {
        var runtimeOrder = RuntimeComparison.RuntimesOf(rows).Select(r => r.Moniker).ToList();
        foreach (var row in rows.OrderBy(r => runtimeOrder.IndexOf(r.Runtime.Moniker))) // a stable sort
        {
            if (drawn is not null && !drawn.Contains(row))
            {
                continue;
            }

            var baseline = row.IsBaseline ? row : ChartGroups.BaselineOf(row, rows);
            var label = row.IsBaseline ? AaLabel : ChartGroups.LabelInGroup(row, baseline, rows);
            yield return (row, label, GroupTitle(baseline ?? row, rows));
        }
    }

    // The figures as the tables print them: with the margin the verdict was judged at, so a bound near its edge gets the
    // same decimals in the chart as in the table.
    private static RatioBar Bar(string label, string group, string series, RatioInterval ratio, string? verdict, double? margin) =>
        new(label, group, series, ratio.Ratio, ratio.Lower, ratio.Upper)
        {
            ValueText = (verdict is null ? "" : verdict + " ") + RatioVerdict.Figures(ratio, margin),
        };

    private static string? Words(LatencyVerdict? verdict) => verdict is { } v ? RatioVerdict.Words(v) : null;
}
