namespace LeakBench.Compare;

/// <summary>
/// The block pairs of one report.csv row as compare uses them: each pair's ln(case block median / baseline block
/// median), in run order, and the file they were read from ("pairs.csv", "census/census-….json").
/// </summary>
public sealed record BlockPairsOfRow(IReadOnlyList<double> LogRatios, string Source)
{
    /// <summary>The pairs of two lists of block medians; null when they do not pair up (lengths differ, none, a median not a positive number).</summary>
    public static BlockPairsOfRow? Of(IReadOnlyList<double> caseBlocks, IReadOnlyList<double> baselineBlocks, string source)
    {
        ArgumentNullException.ThrowIfNull(caseBlocks);
        ArgumentNullException.ThrowIfNull(baselineBlocks);
        if (caseBlocks.Count == 0 || caseBlocks.Count != baselineBlocks.Count || caseBlocks.Concat(baselineBlocks).Any(v => !(v > 0) || double.IsInfinity(v)))
        {
            return null;
        }

        return new BlockPairsOfRow(caseBlocks.Zip(baselineBlocks, (c, b) => Math.Log(c / b)).ToList(), source);
    }
}
