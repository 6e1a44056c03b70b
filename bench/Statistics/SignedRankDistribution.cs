using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace LeakBench.Statistics;

/// <summary>
/// The null distribution of Wilcoxon's signed-rank statistic T (the sum of the ranks of the positive
/// values among n), and from it the order statistic of the Walsh averages that bounds a
/// Hodges–Lehmann centre. Perfolizer 0.6.1 has the two-sample (Mann–Whitney) distribution but not
/// this one-sample one, which is what paired data needs.
/// </summary>
public static class SignedRankDistribution
{
    /// <summary>Up to this many values the distribution is computed exactly; above, the normal approximation is close (as in R's wilcox.test).</summary>
    public const int ExactUpTo = 50;

    /// <summary>P(T = t) for t = 0 … n(n+1)/2, exactly: each rank 1…n is positive with probability ½, independently.</summary>
    public static double[] Probabilities(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var max = n * (n + 1) / 2;
        var p = new double[max + 1];
        p[0] = 1;
        var reached = 0;
        for (var rank = 1; rank <= n; rank++)
        {
            reached += rank;
            // Descending, so that p[t - rank] is still the distribution without this rank.
            for (var t = reached; t >= 0; t--)
            {
                p[t] = (p[t] + (t >= rank ? p[t - rank] : 0)) / 2;
            }
        }

        return p;
    }

    /// <summary>
    /// The rank k (1-based) such that the k-th smallest and the k-th largest of the n(n+1)/2 Walsh
    /// averages bound the centre with at least <paramref name="confidence"/>: the largest k with
    /// P(T ≤ k − 1) ≤ (1 − confidence)/2. Zero when no k reaches the confidence (too few values).
    /// </summary>
    public static int BoundRank(int n, double confidence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(confidence);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(confidence, 1);
        var tail = (1 - confidence) / 2;
        if (n > ExactUpTo)
        {
            // Normal approximation with continuity correction: P(T ≤ k − 1) ≈ Φ((k − 1 + ½ − μ) / σ).
            var mean = n * (n + 1) / 4.0;
            var sd = Math.Sqrt(n * (n + 1) * (2.0 * n + 1) / 24);
            var z = NormalDistribution.Standard.Quantile(1 - tail);
            return Math.Max(0, (int)Math.Floor(mean + 0.5 - (z * sd)));
        }

        var p = Probabilities(n);
        double cumulative = 0;
        var k = 0;
        // Tiny slack so that an exact 0.025 is not lost to rounding in the sum.
        while (k < p.Length && cumulative + p[k] <= tail + 1e-12)
        {
            cumulative += p[k];
            k++;
        }

        return k;
    }
}
