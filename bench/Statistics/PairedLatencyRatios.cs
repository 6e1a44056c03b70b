namespace LeakBench.Statistics;

/// <summary>A case against its baseline: the ratio of typical latencies (block medians) and of tail latencies (block P95s), each with 95% bounds.</summary>
public sealed record PairedLatencyRatios(RatioInterval Median, RatioInterval P95);
