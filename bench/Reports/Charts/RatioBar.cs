namespace LeakBench.Reports.Charts;

/// <summary>
/// One slot of a ratio chart: a case's figure divided by its reference's (1.0 = the same), or, for a case that has
/// no ratio (not timed on purpose, or its pairing failed), the reason in words instead of a bar. Plain data.
/// </summary>
/// <param name="Label">The case as the reader names it within its group, e.g. "undisposed, unread".</param>
/// <param name="Group">The bars' group heading, e.g. "DisposeDrain · HeadersRead · 1 KiB".</param>
/// <param name="Series">What was divided, e.g. "median"; one colour per series.</param>
/// <param name="Ratio">The case over its reference; positive; null exactly when <see cref="Instead"/> says why there is none.</param>
/// <param name="Lower">The lower bound of the ratio, when known: drawn as a whisker with <paramref name="Upper"/>.</param>
/// <param name="Upper">The upper bound of the ratio, when known.</param>
public sealed record RatioBar(string Label, string Group, string Series, double? Ratio, double? Lower = null, double? Upper = null)
{
    /// <summary>The text next to the bar, e.g. "slower ×2.51 [2.22–2.83]"; null draws the ratio alone ("2.51×").</summary>
    public string? ValueText { get; init; }

    /// <summary>What the slot says instead of a bar, e.g. "not timed: stalls at request 101"; null for a bar.</summary>
    public string? Instead { get; init; }

    /// <summary>A slot that says in words why the case has no ratio.</summary>
    public static RatioBar Without(string label, string group, string series, string instead) =>
        new(label, group, series, null) { Instead = instead };
}
