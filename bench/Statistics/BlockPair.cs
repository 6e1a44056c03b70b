namespace LeakBench.Statistics;

/// <summary>
/// One unit of the paired latency comparison: a block of consecutive requests of the case and the
/// adjacent block of its baseline, each request's latency on its own (any one time unit, the same
/// for both). Requests next to each other are correlated (the machine's speed drifts), so the
/// block pair, not the request, is what the bounds count as independent.
/// </summary>
public sealed record BlockPair(IReadOnlyList<double> Case, IReadOnlyList<double> Baseline);
