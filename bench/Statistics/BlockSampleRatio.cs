namespace LeakBench.Statistics;

/// <summary>
/// A ratio between two runs that cannot be paired (the same case on two runtimes, two processes): from
/// each run's block-level values (block medians or P95s), the two-sample Hodges–Lehmann shift of their
/// logs with Mann–Whitney bounds (<see cref="MannWhitneyShiftInterval"/>), turned back into a ratio.
/// <para>
/// Why this: the blocks, not the requests, are the independent units (as in the paired ratio); the
/// two runs have no pairs to line up, so the signed-rank bounds of the paired ratio do not apply,
/// and Mann–Whitney is their two-sample counterpart, exact at these sizes, free of random numbers and
/// of any assumption on the shape of the latency distribution. Logs make the ratio a shift.
/// </para>
/// <para>
/// What the bounds do not cover: a drift of the whole machine between the two processes moves every
/// block of one run alike, so it is not in their spread. The verdict's margin (the larger A/A reach)
/// and the report say so.
/// </para>
/// </summary>
public static class BlockSampleRatio
{
    /// <summary>The fewest blocks on each side that can give 95% bounds.</summary>
    public static int MinimumBlocks { get; } = MannWhitneyShiftInterval.MinimumEachSide(PairedRatioEstimator.Confidence);

    /// <summary>Ratio of <paramref name="blocks"/> over <paramref name="baselineBlocks"/> with 95% bounds; Pairs is the smaller sample's size. Throws <see cref="ArgumentException"/> (no number) when a side has too few blocks or a value is not positive.</summary>
    public static RatioInterval Estimate(IReadOnlyList<double> blocks, IReadOnlyList<double> baselineBlocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(baselineBlocks);
        if (Math.Min(blocks.Count, baselineBlocks.Count) < MinimumBlocks)
        {
            throw new ArgumentException(
                $"{blocks.Count} and {baselineBlocks.Count} blocks are too few: 95% bounds need at least {MinimumBlocks} on each side; no ratio is given", nameof(blocks));
        }

        var (shift, lower, upper) = MannWhitneyShiftInterval.Of(Logs(blocks, nameof(blocks)), Logs(baselineBlocks, nameof(baselineBlocks)), PairedRatioEstimator.Confidence);
        return new RatioInterval(Math.Exp(shift), Math.Exp(lower), Math.Exp(upper), Math.Min(blocks.Count, baselineBlocks.Count));
    }

    private static double[] Logs(IReadOnlyList<double> values, string name) => values.Select(v => v > 0 && !double.IsInfinity(v)
        ? Math.Log(v)
        : throw new ArgumentException($"block value {v}: block latencies must be positive and finite", name)).ToArray();
}
