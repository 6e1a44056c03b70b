using LeakBench.Statistics;

namespace LeakBench.RuntimePairing;

/// <summary>Why a cross-runtime comparison stopped adding process pairs.</summary>
public enum RuntimePairingStop
{
    /// <summary>The bounds reached the asked half-width.</summary>
    Precision,

    /// <summary>The case's time cap passed.</summary>
    TimeCap,

    /// <summary>The process-pair ceiling.</summary>
    ProcessPairCeiling,
}

/// <summary>
/// One case's cross-runtime comparison: every block pair, each process pair's log ratio (Hodges–Lehmann centre of
/// its block pairs), and the ratio with bounds over the process pairs (<see cref="ProcessPairInterval"/>).
/// </summary>
/// <param name="Runtime">The runtime under test (the numerator); equal to <paramref name="Reference"/> in the A/A.</param>
public sealed record RuntimePairRun(
    string Runtime,
    string Reference,
    IReadOnlyList<RuntimeBlockPair> BlockPairs,
    IReadOnlyList<double> ProcessPairLogRatios,
    RatioInterval? Ratio,
    RuntimePairingStop Stop,
    TimeSpan Elapsed)
{
    /// <summary>Each process pair's log ratio from its block pairs, in process-pair order, as the run computes it (verify recomputes the same).</summary>
    public static IReadOnlyList<double> ProcessPairLogs(IEnumerable<RuntimeBlockPair> blockPairs) =>
        blockPairs.GroupBy(p => p.ProcessPair).OrderBy(g => g.Key)
            .Select(g => Math.Log(PairedRatioEstimator.FromLogs(g.Select(p => p.MedianLogRatio).ToList()).Ratio))
            .ToList();

    /// <summary>
    /// The ratio with bounds from block pairs, as the coordinator computes it at the end (<see cref="ProcessPairInterval"/>
    /// over <see cref="ProcessPairLogs"/>); null below <see cref="ProcessPairInterval.MinimumProcessPairs"/> process pairs.
    /// </summary>
    public static RatioInterval? RatioOf(IReadOnlyList<RuntimeBlockPair> blockPairs)
    {
        var logs = ProcessPairLogs(blockPairs);
        return logs.Count >= ProcessPairInterval.MinimumProcessPairs ? ProcessPairInterval.FromLogs(logs) : null;
    }
}
