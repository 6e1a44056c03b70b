using System.Globalization;

namespace LeakBench.Statistics;

/// <summary>The three-way reading of a latency ratio against a margin, and its text: "slower ×2.10 [2.02–2.19]".</summary>
public static class RatioVerdict
{
    public static LatencyVerdict Judge(RatioInterval ratio, double margin)
    {
        ArgumentNullException.ThrowIfNull(ratio);
        ArgumentOutOfRangeException.ThrowIfNegative(margin);
        if (ratio.Lower > 1 + margin)
        {
            return LatencyVerdict.Slower;
        }

        if (ratio.Upper < 1 - margin)
        {
            return LatencyVerdict.Faster;
        }

        return ratio.Lower >= 1 - margin && ratio.Upper <= 1 + margin
            ? LatencyVerdict.NoPracticalDifference
            : LatencyVerdict.Inconclusive;
    }

    public static string Words(LatencyVerdict verdict) => verdict switch
    {
        LatencyVerdict.Slower => "slower",
        LatencyVerdict.Faster => "faster",
        LatencyVerdict.NoPracticalDifference => "no practical difference",
        LatencyVerdict.Inconclusive => "inconclusive",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    /// <summary>The most decimals <see cref="Figures"/> uses: 1.0001 is past any bias this study can measure.</summary>
    public const int MostDecimals = 4;

    /// <summary>
    /// The ratio and its bounds: "×2.10 [2.02–2.19]". Two decimals, more (up to <see cref="MostDecimals"/>) where two would
    /// hide that the interval excludes 1: [1.002–1.032] reads "×1.013 [1.002–1.032]", not "[1.00–1.03]". Given the
    /// <paramref name="margin"/> its verdict uses, also where two would put a bound on the other side of the margin's edge
    /// or on it: an inconclusive [0.947–0.965] at ±5% reads so, not "[0.95–0.97]", which looks wholly within.
    /// </summary>
    public static string Figures(RatioInterval ratio, double? margin = null)
    {
        ArgumentNullException.ThrowIfNull(ratio);
        var decimals = DecimalsFor(ratio, margin);
        var format = "0." + new string('0', decimals);
        return "×" + ratio.Ratio.ToString(format, CultureInfo.InvariantCulture) +
               " [" + ratio.Lower.ToString(format, CultureInfo.InvariantCulture) + "–" + ratio.Upper.ToString(format, CultureInfo.InvariantCulture) + "]";
    }

    /// <summary>
    /// Decimals that keep a bound beyond 1 visibly beyond 1 and, with a margin, each bound that is not on an edge of the
    /// margin visibly on its side of it (2 unless rounding to 2 would print otherwise).
    /// </summary>
    public static int DecimalsFor(RatioInterval ratio, double? margin = null)
    {
        ArgumentNullException.ThrowIfNull(ratio);
        var decimals = 2;
        while (decimals < MostDecimals && Hides(ratio, decimals, margin))
        {
            decimals++;
        }

        return decimals;
    }

    // Whether rounding to this many decimals hides where a bound lies: beyond 1, or against the margin's edges.
    private static bool Hides(RatioInterval ratio, int decimals, double? margin)
    {
        var lower = Math.Round(ratio.Lower, decimals, MidpointRounding.AwayFromZero);
        var upper = Math.Round(ratio.Upper, decimals, MidpointRounding.AwayFromZero);
        if ((ratio.Lower > 1 && lower <= 1) || (ratio.Upper < 1 && upper >= 1))
        {
            return true;
        }

        // The verdict reads "lower ≥ 1 − margin" and "upper < 1 − margin" at the lower edge, "upper ≤ 1 + margin" and
        // "lower > 1 + margin" at the upper one; a bound printed on an edge reads as its inclusive side.
        return margin is { } m && (MisreadAtLowerEdge(ratio.Lower, lower, 1 - m) || MisreadAtLowerEdge(ratio.Upper, upper, 1 - m) ||
                                   MisreadAtUpperEdge(ratio.Lower, lower, 1 + m) || MisreadAtUpperEdge(ratio.Upper, upper, 1 + m));
    }

    private static bool MisreadAtLowerEdge(double bound, double printed, double edge) =>
        (bound < edge && printed >= edge) || (bound >= edge && printed < edge);

    private static bool MisreadAtUpperEdge(double bound, double printed, double edge) =>
        (bound > edge && printed <= edge) || (bound <= edge && printed > edge);

    /// <summary>The verdict and the figures: "slower ×2.10 [2.02–2.19]".</summary>
    public static string Describe(RatioInterval ratio, double margin) => Describe(Judge(ratio, margin), ratio, margin);

    /// <summary>A verdict already judged (a flagged group's, a tail's) and the figures, with the margin it was judged at.</summary>
    public static string Describe(LatencyVerdict verdict, RatioInterval ratio, double margin) => $"{Words(verdict)} {Figures(ratio, margin)}";
}
