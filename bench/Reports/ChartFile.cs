namespace LeakBench.Reports;

/// <summary>
/// One chart written as PNG and SVG; paths are relative to the report folder, with forward slashes.
/// </summary>
/// <param name="Title">The chart's heading.</param>
/// <param name="Caption">One line under the chart: what to see in it.</param>
/// <param name="Png">The PNG's path.</param>
/// <param name="Svg">The SVG's path.</param>
public sealed record ChartFile(string Title, string Caption, string Png, string Svg)
{
    /// <summary>A sentence under the caption about what the chart leaves out; null when it leaves nothing out.</summary>
    public string? Note { get; init; }

    /// <summary>The headline figure, shown at the top of the report rather than among the charts.</summary>
    public bool IsHeadline { get; init; }
}
