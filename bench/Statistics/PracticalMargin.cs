namespace LeakBench.Statistics;

/// <summary>
/// The smallest latency difference a case's verdict may call real: 5%, or the half-width of its
/// group's A/A check when that is larger (the report picks the group: <c>AaCheck.MarginFor</c>). The A/A half-width is how far the baseline-against-itself bounds reach from 1
/// (<see cref="RatioInterval.ReachFromOne"/>), so "wider than [0.95, 1.05]" and "margin above 5%"
/// are the same statement.
/// </summary>
public static class PracticalMargin
{
    public const double Minimum = 0.05;

    /// <summary>The margin for an A/A check that gave <paramref name="aa"/>; 5% when there is no A/A result.</summary>
    public static double For(RatioInterval? aa) => aa is null ? Minimum : Math.Max(Minimum, aa.ReachFromOne);

    /// <summary>True when the A/A bounds reach beyond [0.95, 1.05]: the run cannot resolve differences below that width.</summary>
    public static bool TooNoisy(RatioInterval aa)
    {
        ArgumentNullException.ThrowIfNull(aa);
        return aa.ReachFromOne > Minimum;
    }
}
