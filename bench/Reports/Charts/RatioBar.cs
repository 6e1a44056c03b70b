namespace LeakBench.Reports.Charts;

/// <summary>
/// One bar of a ratio chart: a case's figure divided by its reference's (1.0 = the same). Plain data, so that ratios
/// from anywhere (the rows' own figures today, paired latency ratios with bounds later) draw the same way.
/// </summary>
/// <param name="Label">The case as the reader names it within its group, e.g. "undisposed, unread".</param>
/// <param name="Group">The bars' group heading, e.g. "DisposeDrain · HeadersRead · 1 KiB".</param>
/// <param name="Series">What was divided, e.g. "P95"; one colour per series.</param>
/// <param name="Ratio">The case over its reference; positive.</param>
/// <param name="Lower">The lower bound of the ratio, when known: drawn as a whisker with <paramref name="Upper"/>.</param>
/// <param name="Upper">The upper bound of the ratio, when known.</param>
public sealed record RatioBar(string Label, string Group, string Series, double Ratio, double? Lower = null, double? Upper = null);
