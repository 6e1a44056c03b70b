using LeakBench.Statistics;

namespace LeakBench.Reports;

/// <summary>
/// A case on one runtime next to the same case on the baseline runtime. Ratios are this row's value over the
/// baseline's; null when the baseline runtime did not measure the case or the figure is missing or zero there.
/// </summary>
/// <param name="P95Ratio">The census P95s' ratio: a single figure of each run, for the charts; the claims use <see cref="Latency"/>.</param>
public sealed record RuntimeComparisonRow(StudyRow Row, StudyRow? OnBaselineRuntime, double? P95Ratio, double? AllocationRatio)
{
    /// <summary>
    /// The cross-runtime pairing's ratio with its bounds over process pairs when <see cref="LatencyPaired"/>, else the ratio of
    /// the two runs' block medians with 95% Mann–Whitney bounds (<see cref="BlockSampleRatio"/>); null with <see cref="LatencyNote"/> saying why.
    /// </summary>
    public RatioInterval? Latency { get; init; }

    /// <summary>Whether <see cref="Latency"/> (or its absence) is the cross-runtime pairing's: processes alive together, see Runtimes paired.</summary>
    public bool LatencyPaired { get; init; }

    /// <summary>The margin <see cref="Verdict"/> used: the run's fixed margin (5% unless --margin).</summary>
    public double LatencyMargin { get; init; } = PracticalMargin.Default;

    /// <summary>Slower, faster, no practical difference or inconclusive on this runtime than on the baseline runtime; null without <see cref="Latency"/>.</summary>
    public LatencyVerdict? Verdict => Latency is { } ratio ? RatioVerdict.Judge(ratio, LatencyMargin) : null;

    /// <summary>Why there is no <see cref="Latency"/> (the baseline runtime itself, no blocks, too few blocks).</summary>
    public string? LatencyNote { get; init; }
}
