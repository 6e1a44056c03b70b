namespace LeakBench.Statistics;

/// <summary>
/// When a block's tail quantile is a quantile: only when at least <see cref="MinimumAbove"/> of the block's requests lie
/// above it. A Harrell–Davis P95 of a block of 20 has one request above it and puts most of its weight on the block's
/// maximum, so a P95 ratio of such blocks compares two maxima, which the A/A showed 2–5 times as wide as the medians'.
/// With five above, the estimate averages over several of the slowest requests. So a P95 ratio gets a verdict only from
/// blocks of at least 100 requests a side (the 16-caller cases: 16 × 5); otherwise it is shown, descriptive, without one.
/// </summary>
public static class TailRule
{
    /// <summary>Requests of a block that must lie above the quantile for it to carry a verdict.</summary>
    public const int MinimumAbove = 5;

    /// <summary>True when blocks of <paramref name="blockRequests"/> requests a side give quantile <paramref name="probability"/> a verdict.</summary>
    public static bool HasVerdict(int blockRequests, double probability) =>
        blockRequests * (1 - probability) >= MinimumAbove - 1e-9;
}
