namespace LeakBench.RuntimePairing;

/// <summary>How a cross-runtime comparison of one case runs.</summary>
/// <param name="BlockRequests">Timed requests per block: the case pairing's (20), so a block's median is as steady as there.</param>
/// <param name="BlockPairsPerProcessPair">Block pairs per process pair: 16, the case pairing's first check point, enough for the per-pair Hodges–Lehmann centre (signed-rank needs ≥ 6) while leaving time for several process pairs.</param>
/// <param name="MinProcessPairs">Process pairs before the precision may stop the case: <see cref="ProcessPairInterval.MinimumProcessPairs"/>.</param>
/// <param name="MaxProcessPairs">The ceiling: 8 process pairs; past it the t quantile barely shrinks (2.36 at 8 against 2.26 at 10).</param>
/// <param name="PrecisionTarget">Stop once the bounds' half-width (log scale, as <see cref="Statistics.PrecisionRule.Reached"/>) is within this: the 5%.</param>
/// <param name="TimeBudget">The case's time cap; checked between process pairs (a process pair is never cut short).</param>
/// <param name="OrderSeed">Seed of the first-side draw (<see cref="Pairing.PairedLatencyRunner.CaseFirstOrder"/>); process pair k uses seed + k.</param>
public sealed record RuntimePairingSettings(
    int BlockRequests,
    int BlockPairsPerProcessPair,
    int MinProcessPairs,
    int MaxProcessPairs,
    double PrecisionTarget,
    TimeSpan TimeBudget,
    int OrderSeed)
{
    /// <summary>The study's settings. The 20 s cap keeps a 3-runtime quick comparison of the dispose × drain and limit classes within the 25 min (see README).</summary>
    public static RuntimePairingSettings Default { get; } = new(
        BlockRequests: 20,
        BlockPairsPerProcessPair: 16,
        MinProcessPairs: ProcessPairInterval.MinimumProcessPairs,
        MaxProcessPairs: 8,
        PrecisionTarget: 0.05,
        TimeBudget: TimeSpan.FromSeconds(20),
        OrderSeed: 22);
}
