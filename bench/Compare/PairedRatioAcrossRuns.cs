using LeakBench.Statistics;

namespace LeakBench.Compare;

/// <summary>
/// A case's paired ratio (case over baseline) in run A against the same case's in run B: the two-sample
/// Hodges–Lehmann shift of their block pairs' log ratios with Mann–Whitney bounds (<see cref="MannWhitneyShiftInterval"/>),
/// turned back into a ratio. ×1.10 means the case costs 10% more against its baseline in A than in B.
/// <para>
/// Why the pairs' log ratios: each run already cancels its own machine's speed and drift within a pair (case and
/// baseline blocks side by side), so what is left to compare is the case's effect, and the pairs are the independent
/// units of each run. The two runs have no pairs to line up with each other, so the bounds are two-sample ones.
/// </para>
/// </summary>
public static class PairedRatioAcrossRuns
{
    /// <summary>The fewest block pairs a run needs for 95% bounds (4).</summary>
    public static int MinimumPairs { get; } = MannWhitneyShiftInterval.MinimumEachSide(PairedRatioEstimator.Confidence);

    /// <summary>
    /// A's ratio over B's with 95% bounds (Pairs: the smaller run's count), or null with the reason when either run has
    /// fewer than <see cref="MinimumPairs"/> pairs.
    /// </summary>
    public static (RatioInterval? Ratio, string? WhyNot) Of(IReadOnlyList<double> logRatiosA, IReadOnlyList<double> logRatiosB)
    {
        ArgumentNullException.ThrowIfNull(logRatiosA);
        ArgumentNullException.ThrowIfNull(logRatiosB);
        if (Math.Min(logRatiosA.Count, logRatiosB.Count) < MinimumPairs)
        {
            return (null, $"{logRatiosA.Count} and {logRatiosB.Count} block pairs; at least {MinimumPairs} in each run are needed for bounds");
        }

        var (shift, lower, upper) = MannWhitneyShiftInterval.Of(logRatiosA, logRatiosB, PairedRatioEstimator.Confidence);
        return (new RatioInterval(Math.Exp(shift), Math.Exp(lower), Math.Exp(upper), Math.Min(logRatiosA.Count, logRatiosB.Count)), null);
    }

    /// <summary>
    /// A's ratio over B's from their report.csv bounds alone, for runs whose folders keep no block pairs: A's ratio over
    /// B's, bounded by A's lower over B's upper and A's upper over B's lower. When both runs' 95% bounds hold (at least
    /// 0.95² ≈ 90% for two independent runs) these hold too; they are wider than the block pairs' bounds would be.
    /// </summary>
    public static RatioInterval FromBounds(RatioInterval a, RatioInterval b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new RatioInterval(a.Ratio / b.Ratio, a.Lower / b.Upper, a.Upper / b.Lower, Math.Min(a.Pairs, b.Pairs));
    }
}
