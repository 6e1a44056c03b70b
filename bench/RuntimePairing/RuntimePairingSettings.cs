namespace LeakBench.RuntimePairing;

/// <summary>How a cross-runtime comparison of one case runs.</summary>
/// <param name="BlockRequests">Timed requests per block: the case pairing's (20), so a block's median is as steady as there.</param>
/// <param name="BlockPairsPerProcessPair">Block pairs per process pair: 16, the case pairing's first check point, enough for the per-pair Hodges–Lehmann centre (signed-rank needs ≥ 6) while leaving time for several process pairs.</param>
/// <param name="MinProcessPairs">Process pairs before the time cap may stop the case, the fewest that give bounds: <see cref="ProcessPairInterval.MinimumProcessPairs"/>.</param>
/// <param name="MaxProcessPairs">The ceiling on process pairs (6 quick, 48 published): past about 10 the t quantile barely shrinks (2.26 at 10), but the process-to-process spread still shrinks as 1/√K.</param>
/// <param name="PrecisionTarget">Stop once the bounds' half-width (log scale, as <see cref="Statistics.PrecisionRule.Reached"/>) is within this: the 5%.</param>
/// <param name="TimeBudget">The case's time cap; checked between process pairs (a process pair is never cut short).</param>
/// <param name="OrderSeed">Seed of the first-side draw (<see cref="Pairing.PairedLatencyRunner.CaseFirstOrder"/>); process pair k uses seed + k.</param>
/// <param name="PrecisionFromProcessPairs">The fewest process pairs a precision stop may come at: 10. A spread from few process pairs is
/// often small by chance, and stopping when it is picks exactly those: the two-process A/As of 2026-12-03 (-runtimes-3, check from 3)
/// and of 2026-12-06 (-runtimes, check from 6) stopped at 3 and 7 process pairs with bounds that exclude 1 (×0.95 [0.92–0.98],
/// ×1.06 [1.01–1.11]). Replaying the 40 comparisons of 2026-12-06 with 25 or more process pairs (resampled, 400 runs each,
/// ±5%): the bounds covered the comparison's own mean in 89.9% of runs checked from 3, 92.2% from 6, 93.3% from 10 and
/// 93.7% from 16, at a median of 29–30 process pairs for all four. The quick job's 6 never stop on precision.</param>
/// <param name="SubBlockRequests">Requests in a row of one runtime inside a block pair; the two runtimes' sub-blocks alternate in ABBA order, as in the case pairing (<see cref="Pairing.PairingSettings.DefaultSubBlockRequests"/>).</param>
public sealed record RuntimePairingSettings(
    int BlockRequests,
    int BlockPairsPerProcessPair,
    int MinProcessPairs,
    int MaxProcessPairs,
    double PrecisionTarget,
    TimeSpan TimeBudget,
    int OrderSeed,
    int SubBlockRequests = Pairing.PairingSettings.DefaultSubBlockRequests,
    int PrecisionFromProcessPairs = 10)
{
    /// <summary>
    /// The quick job's: at most 6 process pairs within a 12 s cap (at least 3), to keep a 3-runtime quick comparison of the
    /// dispose × drain and limit classes (73 comparisons) within 25 min on 2 cores: it took 17 min 8 s (2026-12-06: about
    /// 6 min of benchmarks and 11 of pairing; comparisons of 6 process pairs took 6–15 s, those the cap stopped 12–19 s).
    /// At 8 within 20 s the pairing alone was estimated at about 18 min. It never stops on precision (that needs 10
    /// process pairs), and its half-widths are about ±12% (4 of 70 within ±5%): a first look, the published comparison
    /// (--full) is the one to cite.
    /// </summary>
    public static RuntimePairingSettings Quick { get; } = new(
        BlockRequests: 20,
        BlockPairsPerProcessPair: 16,
        MinProcessPairs: ProcessPairInterval.MinimumProcessPairs,
        MaxProcessPairs: 6,
        PrecisionTarget: 0.05,
        TimeBudget: TimeSpan.FromSeconds(12),
        OrderSeed: 22);

    /// <summary>
    /// The Publish job's (--full): up to 48 process pairs within a 60 s cap. The width comes from each process's own
    /// offset (a spread of the process pairs' log ratios of 0.08–0.15 on .NET 10, README), so ±5% (log 0.049 with a t
    /// quantile near 2) needs about 12 to 40 process pairs; a 1 KiB process pair costs 1.2–2 s (start, two warm-up
    /// rounds, 16 block pairs), a 2 MiB one 3–5 s, whose spread is smaller (0.04–0.14 in the comparison of 2026-12-03).
    /// At 45 s and 40 (comparison -runtimes-3), seven 1 KiB comparisons ran out of time at 19–36 process pairs and
    /// half-widths of 5.2–6.5%, and four 2 MiB ones at 6–7 pairs and 5.5–8.5%.
    /// </summary>
    public static RuntimePairingSettings Publish { get; } = Quick with { MaxProcessPairs = 48, TimeBudget = TimeSpan.FromSeconds(60) };
}
