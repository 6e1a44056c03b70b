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

    /// <summary>The ratio and its bounds: "×2.10 [2.02–2.19]".</summary>
    public static string Figures(RatioInterval ratio)
    {
        ArgumentNullException.ThrowIfNull(ratio);
        return string.Create(CultureInfo.InvariantCulture, $"×{ratio.Ratio:0.00} [{ratio.Lower:0.00}–{ratio.Upper:0.00}]");
    }

    /// <summary>The verdict and the figures: "slower ×2.10 [2.02–2.19]".</summary>
    public static string Describe(RatioInterval ratio, double margin) => $"{Words(Judge(ratio, margin))} {Figures(ratio)}";
}
