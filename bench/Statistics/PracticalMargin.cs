namespace LeakBench.Statistics;

/// <summary>
/// The smallest latency difference a verdict may call real: a decision the run makes once (5% unless the user passes
/// <c>--margin</c>), never a measurement. "No practical difference" means the bounds lie within [1 − margin, 1 + margin],
/// "slower"/"faster" that they lie wholly beyond it (<see cref="RatioVerdict"/>). The A/A check calibrates the run (it
/// flags a group it cannot trust, see <c>AaCalibration</c>) but never widens the margin: a margin that grew with the
/// noise turned a ×0.31 [0.26–0.40] into "no practical difference" in the published runtime comparison.
/// </summary>
public static class PracticalMargin
{
    /// <summary>5%: below it, on a shared 2-core VM whose speed drifts by ±15% between runs, no latency claim is worth citing.</summary>
    public const double Default = 0.05;

    /// <summary>The smallest margin <c>--margin</c> accepts: 0.1%, finer than any pairing here can resolve.</summary>
    public const double Smallest = 0.001;

    /// <summary>The largest margin <c>--margin</c> accepts: 50%, beyond which "no practical difference" would hide a ×1.5.</summary>
    public const double Largest = 0.5;

    /// <summary>Null when <paramref name="margin"/> (a fraction) can be a margin; else why not.</summary>
    public static string? Check(double margin) =>
        margin is >= Smallest and <= Largest
            ? null
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"a margin must lie between {Smallest * 100:0.#}% and {Largest * 100:0}%, got {margin * 100:0.##}%");
}
