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
    /// hide that the interval excludes 1: [1.002–1.032] reads "×1.013 [1.002–1.032]", not "[1.00–1.03]".
    /// </summary>
    public static string Figures(RatioInterval ratio)
    {
        ArgumentNullException.ThrowIfNull(ratio);
        var decimals = DecimalsFor(ratio);
        var format = "0." + new string('0', decimals);
        return "×" + ratio.Ratio.ToString(format, CultureInfo.InvariantCulture) +
               " [" + ratio.Lower.ToString(format, CultureInfo.InvariantCulture) + "–" + ratio.Upper.ToString(format, CultureInfo.InvariantCulture) + "]";
    }

    /// <summary>Decimals that keep a bound beyond 1 visibly beyond 1 (2 unless rounding to 2 would print 1.00 for it).</summary>
    public static int DecimalsFor(RatioInterval ratio)
    {
        ArgumentNullException.ThrowIfNull(ratio);
        var decimals = 2;
        while (decimals < MostDecimals &&
               ((ratio.Lower > 1 && Math.Round(ratio.Lower, decimals, MidpointRounding.AwayFromZero) <= 1) ||
                (ratio.Upper < 1 && Math.Round(ratio.Upper, decimals, MidpointRounding.AwayFromZero) >= 1)))
        {
            decimals++;
        }

        return decimals;
    }

    /// <summary>The verdict and the figures: "slower ×2.10 [2.02–2.19]".</summary>
    public static string Describe(RatioInterval ratio, double margin) => $"{Words(Judge(ratio, margin))} {Figures(ratio)}";
}
