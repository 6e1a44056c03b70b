using Perfolizer.Mathematics.QuantileEstimators;
using Pragmastat;

namespace LeakBench.Statistics;

/// <summary>
/// "How much slower is this case than its baseline?", from block pairs: per pair the ratio of the
/// two blocks' medians (and of their P95s), then a Hodges–Lehmann centre of the pairs' log ratios
/// with distribution-free 95% bounds from the Wilcoxon signed-rank distribution, turned back into
/// ratios.
/// <para>
/// Why this and not a bootstrap over pairs: the signed-rank bounds are exact for small numbers of
/// pairs (a time-bounded slow case may get only a dozen), where percentile bootstrap intervals are
/// known to come out too narrow; they need no random numbers, so the same pairs always give the same
/// bounds; and they assume only that pairs are independent and their log ratios symmetric about the
/// centre. Under "no difference" with a balanced (ABBA) order the case and the baseline blocks are
/// exchangeable, so the symmetry holds exactly where it matters most, in the A/A check. Logs make a
/// ratio a shift: ×2 and ×½ are equally far from 1. Mann–Whitney (two independent samples) would
/// throw away the pairing, which is what cancels the machine's drift.
/// </para>
/// <para>
/// Block quantiles use Perfolizer's Harrell–Davis estimator: a weighted average of all order
/// statistics, so a block's median or P95 moves less from block to block than a single order
/// statistic and the bounds are narrower for the same pairs.
/// </para>
/// </summary>
public static class PairedRatioEstimator
{
    /// <summary>The bounds' confidence.</summary>
    public const double Confidence = 0.95;

    /// <summary>The fewest block pairs that can give 95% signed-rank bounds: with 6, the bounds are the extreme Walsh averages.</summary>
    public static int MinimumPairs { get; } = HodgesLehmannInterval.MinimumCount(Confidence);

    /// <summary>Estimates both ratios. Throws <see cref="ArgumentException"/> (and gives no number) for fewer than <see cref="MinimumPairs"/> pairs, an empty block or a latency that is not positive.</summary>
    public static PairedLatencyRatios Estimate(IReadOnlyList<BlockPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count < MinimumPairs)
        {
            throw new ArgumentException(
                $"{pairs.Count} block pairs are too few: 95% bounds need at least {MinimumPairs}; no ratio is given", nameof(pairs));
        }

        var medianLogs = new double[pairs.Count];
        var p95Logs = new double[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            var (caseBlock, baselineBlock) = (Checked(pairs[i].Case, i, "case"), Checked(pairs[i].Baseline, i, "baseline"));
            medianLogs[i] = Math.Log(Quantile(caseBlock, 0.5) / Quantile(baselineBlock, 0.5));
            p95Logs[i] = Math.Log(Quantile(caseBlock, 0.95) / Quantile(baselineBlock, 0.95));
        }

        return new PairedLatencyRatios(FromLogs(medianLogs), FromLogs(p95Logs));
    }

    /// <summary>The ratio and bounds from per-pair log ratios.</summary>
    public static RatioInterval FromLogs(IReadOnlyList<double> logRatios)
    {
        var (centre, lower, upper) = HodgesLehmannInterval.Of(logRatios, Confidence);
        return new RatioInterval(Math.Exp(centre), Math.Exp(lower), Math.Exp(upper), logRatios.Count);
    }

    /// <summary>One pair's log ratio of block medians (case over baseline), as <see cref="Estimate"/> takes it.</summary>
    public static double MedianLogRatio(BlockPair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return Math.Log(Quantile(Checked(pair.Case, 0, "case"), 0.5) / Quantile(Checked(pair.Baseline, 0, "baseline"), 0.5));
    }

    /// <summary>A block's quantile as the ratios use it (Harrell–Davis): its median at 0.5, its P95 at 0.95.</summary>
    public static double BlockQuantile(IReadOnlyList<double> block, double probability) => Quantile(block, probability);

    private static double Quantile(IReadOnlyList<double> block, double probability) =>
        HarrellDavisQuantileEstimator.Instance.Quantile(block, new Probability(probability));

    private static IReadOnlyList<double> Checked(IReadOnlyList<double>? block, int pair, string side)
    {
        if (block is null || block.Count == 0)
        {
            throw new ArgumentException($"block pair {pair}: the {side} block is empty", nameof(pair));
        }

        foreach (var latency in block)
        {
            if (!(latency > 0) || double.IsInfinity(latency))
            {
                throw new ArgumentException($"block pair {pair}: the {side} block has latency {latency}; latencies must be positive and finite", nameof(pair));
            }
        }

        return block;
    }
}
