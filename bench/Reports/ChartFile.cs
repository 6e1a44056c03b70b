namespace LeakBench.Reports;

/// <summary>One chart written as PNG and SVG; paths are relative to the report folder, with forward slashes.</summary>
public sealed record ChartFile(string Title, string Png, string Svg);
