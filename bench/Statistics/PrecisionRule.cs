namespace LeakBench.Statistics;

/// <summary>
/// When a pairing has measured enough: its median ratio's 95% bounds have reached the asked half-width in log space,
/// ½·ln(hi/lo) ≤ ln(1 + target). The width of an interval does not depend on where its centre lies, so stopping on it
/// does not select for an estimate (stopping when the bounds first exclude 1, or first fall inside the margin, would).
/// Checked from <see cref="PairingMinimum"/> pairs on, at even counts only (each order of the two sides as often), at
/// check points that thin out as the count grows (every 4 pairs up to 64, then about every eighth of the count): the fewer
/// looks, the less the repeated checking can narrow the bounds by chance, and a check costs a sort of n(n+1)/2 Walsh averages.
/// </summary>
public static class PrecisionRule
{
    /// <summary>The first check: 16 pairs. Below, the signed-rank bounds move in steps too coarse to trust a first narrow one.</summary>
    public const int PairingMinimum = 16;

    /// <summary>The shortest step between two checks.</summary>
    public const int ShortestStep = 4;

    /// <summary>True when the precision is checked after <paramref name="pairs"/> pairs (given a first check at <paramref name="minimum"/>).</summary>
    public static bool IsCheckPoint(int pairs, int minimum = PairingMinimum)
    {
        if (pairs < minimum || pairs % 2 != 0)
        {
            return false;
        }

        // Every 4 up to 64, then every eighth of the count rounded down to a power of two (a multiple of the step, so
        // always even): 16, 20, …, 60, 64, 72, …, 120, 128, 144, …, 256, 288, …
        var step = Math.Max(ShortestStep, 1 << (System.Numerics.BitOperations.Log2((uint)pairs) - 3));
        return pairs == minimum || pairs % step == 0;
    }

    /// <summary>True when <paramref name="ratio"/>'s bounds are as narrow as <paramref name="target"/> asks (a fraction: 0.025 is ±2.5%).</summary>
    public static bool Reached(RatioInterval ratio, double target)
    {
        ArgumentNullException.ThrowIfNull(ratio);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(target);
        return ratio.LogHalfWidth <= Math.Log(1 + target);
    }

    /// <summary>
    /// Replays the rule on per-pair log ratios in the order they ran: the pair count at which it stops, or
    /// <paramref name="logRatios"/>.Count when it never reaches <paramref name="target"/> (the time cap or the ceiling would then stop it).
    /// </summary>
    public static int StopAt(IReadOnlyList<double> logRatios, double target, int minimum = PairingMinimum)
    {
        ArgumentNullException.ThrowIfNull(logRatios);
        for (var n = minimum; n <= logRatios.Count; n++)
        {
            if (IsCheckPoint(n, minimum) && Reached(PairedRatioEstimator.FromLogs(logRatios.Take(n).ToList()), target))
            {
                return n;
            }
        }

        return logRatios.Count;
    }
}
