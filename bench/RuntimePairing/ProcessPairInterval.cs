using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace LeakBench.RuntimePairing;

/// <summary>
/// A cross-runtime ratio from K fresh process pairs: each process pair gives one log ratio (the Hodges–Lehmann
/// centre of its block pairs' log ratios), and the case's ratio is their mean with a Student t interval over
/// the K values, turned back into a ratio.
/// <para>
/// Why a t-interval over process pairs and not the signed-rank bounds over all block pairs pooled: a process has
/// an offset of its own (code layout, tiering decisions, where its heap landed) that every block of it shares, so
/// the block pairs of one process pair are not independent and pooled bounds would be too narrow. The process
/// pair is the unit; its within-pair noise and the process-to-process spread both show in the spread of the K
/// values (a one-level random-effects mean with equal weights, since every pair gets the same blocks). With K of
/// 3 to 10 the signed-rank bounds cannot reach 95% at all (they need 6) and a bootstrap over so few is too narrow;
/// the t-interval is exact for normal per-pair log ratios, and a per-pair centre of many block ratios is close to
/// normal. Student's quantile comes from Perfolizer.
/// </para>
/// </summary>
public static class ProcessPairInterval
{
    /// <summary>The bounds' confidence, the same as the case pairing's.</summary>
    public const double Confidence = 0.95;

    /// <summary>The fewest process pairs that give bounds: with 2 the t quantile (12.7) makes bounds too wide to use, and a spread needs 2.</summary>
    public const int MinimumProcessPairs = 3;

    /// <summary>The mean ratio over the process pairs' log ratios and its t bounds. Throws for fewer than <see cref="MinimumProcessPairs"/>.</summary>
    public static Statistics.RatioInterval FromLogs(IReadOnlyList<double> processPairLogRatios)
    {
        ArgumentNullException.ThrowIfNull(processPairLogRatios);
        var k = processPairLogRatios.Count;
        if (k < MinimumProcessPairs)
        {
            throw new ArgumentException($"{k} process pairs are too few: bounds need at least {MinimumProcessPairs}", nameof(processPairLogRatios));
        }

        var mean = processPairLogRatios.Average();
        var variance = processPairLogRatios.Sum(x => (x - mean) * (x - mean)) / (k - 1);
        var standardError = Math.Sqrt(variance / k);
        var t = new StudentDistribution(k - 1).Quantile(1 - ((1 - Confidence) / 2));
        return new Statistics.RatioInterval(Math.Exp(mean), Math.Exp(mean - (t * standardError)), Math.Exp(mean + (t * standardError)), k);
    }
}
