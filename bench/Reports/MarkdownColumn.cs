namespace LeakBench.Reports;

/// <summary>One column of a <see cref="MarkdownTable"/>: its header and whether its cells are right-aligned (numbers).</summary>
public sealed record MarkdownColumn(string Header, bool AlignRight = false);
