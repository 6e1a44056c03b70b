using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;

namespace LeakBench.Statistics;

/// <summary>
/// The two-sample Hodges–Lehmann shift (the median of all differences xᵢ − yⱼ) with distribution-free
/// bounds from the Mann–Whitney U distribution: the k-th smallest and k-th largest of the m·n
/// differences, k the largest rank with P(U ≤ k − 1) ≤ (1 − confidence)/2. The bounds hold for two
/// independent samples of independent values whose distributions differ only by a shift; this is
/// the counterpart of <see cref="HodgesLehmannInterval"/> for samples that cannot be paired (two runs
/// in two processes).
/// <para>
/// The U distribution is Perfolizer's: exact (Löffler's recurrence) while the binomial coefficient
/// C(m + n, m) fits its integer arithmetic, m + n ≤ <see cref="ExactUpTo"/>; above, its Edgeworth
/// expansion, which is close at those sizes.
/// </para>
/// </summary>
public static class MannWhitneyShiftInterval
{
    /// <summary>Up to this total size the U distribution is exact (C(60, 30) ≈ 1.2·10¹⁷ still fits a 64-bit count).</summary>
    public const int ExactUpTo = 60;

    /// <summary>Shift of <paramref name="x"/> over <paramref name="y"/> and its bounds. Throws when the samples are too small for the confidence.</summary>
    public static (double Shift, double Lower, double Upper) Of(IReadOnlyList<double> x, IReadOnlyList<double> y, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var k = BoundRank(x.Count, y.Count, confidence);
        if (k < 1)
        {
            throw new ArgumentException(
                $"samples of {x.Count} and {y.Count} cannot give {confidence:P0} bounds: the Mann–Whitney bounds need at least {MinimumEachSide(confidence)} on each side", nameof(x));
        }

        var differences = new double[x.Count * y.Count];
        var d = 0;
        foreach (var xi in x)
        {
            foreach (var yj in y)
            {
                differences[d++] = xi - yj;
            }
        }

        Array.Sort(differences);
        var m = differences.Length;
        var shift = m % 2 == 1 ? differences[m / 2] : (differences[(m / 2) - 1] + differences[m / 2]) / 2;
        return (shift, differences[k - 1], differences[m - k]);
    }

    /// <summary>
    /// The rank k (1-based) such that the k-th smallest and k-th largest of the n·m differences bound the
    /// shift with at least <paramref name="confidence"/>; zero when no k reaches it (samples too small).
    /// </summary>
    public static int BoundRank(int n, int m, double confidence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(confidence);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(confidence, 1);
        if (n == 0 || m == 0)
        {
            return 0;
        }

        IMannWhitneyCdf cdf = n + m <= ExactUpTo ? MannWhitneyLoefflerExactCdf.Instance : MannWhitneyEdgeworthApproxCdf.Instance;
        var tail = (1 - confidence) / 2;
        // Perfolizer's Cdf(n, m, u) is P(U < u) = P(U ≤ u − 1): the k we want is the largest with Cdf(n, m, k) ≤ tail.
        var k = 0;
        while (k < n * m / 2 && cdf.Cdf(n, m, k + 1) <= tail + 1e-12)
        {
            k++;
        }

        return k;
    }

    /// <summary>The fewest values on each side (equal sizes) for which bounds at <paramref name="confidence"/> exist (4 at 95%).</summary>
    public static int MinimumEachSide(double confidence = 0.95)
    {
        var n = 1;
        while (BoundRank(n, n, confidence) < 1)
        {
            n++;
        }

        return n;
    }
}
