namespace LeakBench.Census;

/// <summary>
/// Percentiles of individual request latencies (nearest-rank). BenchmarkDotNet's percentile columns
/// are over iteration means — each iteration averages hundreds of requests — so the per-request
/// tails of the study come from the census, which times every request on its own.
/// </summary>
public static class Percentiles
{
    /// <summary>The nearest-rank percentile <paramref name="p"/> (0..100) of <paramref name="sorted"/>, which must be sorted ascending.</summary>
    public static double NearestRank(IReadOnlyList<double> sorted, double p)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 100);
        if (sorted.Count == 0)
        {
            throw new ArgumentException("no values", nameof(sorted));
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
