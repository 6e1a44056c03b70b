namespace LeakBench.Statistics;

/// <summary>What a latency ratio's bounds say against the practical margin (see <see cref="RatioVerdict"/>).</summary>
public enum LatencyVerdict
{
    /// <summary>The bounds lie wholly above 1 + margin.</summary>
    Slower,

    /// <summary>The bounds lie wholly below 1 − margin.</summary>
    Faster,

    /// <summary>The bounds lie wholly inside [1 − margin, 1 + margin].</summary>
    NoPracticalDifference,

    /// <summary>The bounds straddle a margin's edge: the data cannot tell.</summary>
    Inconclusive,
}
