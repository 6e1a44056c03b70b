namespace LeakBench.Pairing;

/// <summary>
/// How long one paired comparison runs. It stops at <see cref="MaxPairs"/> block pairs or when
/// <see cref="TimeBudget"/> has passed, whichever comes first (checked between pairs, so a pair is
/// never cut). The budget depends on the job (<see cref="Quick"/>, <see cref="Publish"/>): a 2 MiB
/// case at 2–5 ms per request costs 2 × (20 + 2) requests × 5 ms ≈ 0.2 s a pair, so the quick
/// budget gives it its eight pairs (the minimum) in about 2 s and the publish budget about twenty-five.
/// </summary>
/// <param name="MaxPairs">Block pairs at most; each pair is one case block and one baseline block.</param>
/// <param name="BlockRequests">Timed requests per side in a pair: enough for a block median and P95, few enough that the machine's speed barely moves within a pair.</param>
/// <param name="TimeBudget">Wall time after which no new pair starts.</param>
/// <param name="WarmupRequests">Untimed requests per side before the first pair, on a handler of their own: JIT and pools warm on both sides.</param>
/// <param name="RequestTimeout">A request that takes longer fails the comparison (a stalled case gets no ratio).</param>
/// <param name="HandlerWarmupRequests">Untimed requests on each fresh handler before its block: its connection is open and past TCP slow start when the timing starts.</param>
/// <param name="MinPairs">Pairs the comparison runs past the time budget to reach (a slow 2 MiB case on a loaded machine would otherwise stop below the 6 the bounds need), but never past three budgets.</param>
/// <param name="OrderSeed">Seeds the per-pair order (which side runs first); fixed, so the same settings give the same order.</param>
/// <param name="SubBlockRequests">Requests in a row of one side inside a pair; the sub-blocks alternate in ABBA order (see <see cref="PairedLatencyRunner"/>).</param>
public sealed record PairingSettings(int MaxPairs, int BlockRequests, TimeSpan TimeBudget, int WarmupRequests, TimeSpan RequestTimeout, int HandlerWarmupRequests = PairingSettings.DefaultHandlerWarmupRequests, int MinPairs = 8, int OrderSeed = 20_251_126, int SubBlockRequests = PairingSettings.DefaultSubBlockRequests)
{
    /// <summary>
    /// Sub-blocks of 5: measured on this 2-core VM (A/A, 1 KiB, 40 pairs), the per-pair log ratio's spread was 0.29–0.42
    /// with whole blocks of 20 timed one after the other on handlers made in between, 0.19 with the two handlers alive
    /// together and blocks of 20, 0.09–0.11 with sub-blocks of 2 to 10, and 0.15–0.19 with single requests alternating
    /// (each request then follows the other side's). The machine's speed moves between regimes (block medians of 55 µs
    /// and 120–170 µs in runs of consecutive blocks), so the closer the two sides are in time, the more it cancels.
    /// </summary>
    public const int DefaultSubBlockRequests = 5;

    /// <summary>Untimed requests on each fresh handler before its block, unless set otherwise.</summary>
    public const int DefaultHandlerWarmupRequests = 2;

    /// <summary>For published runs (the Publish job): up to 40 pairs or 5 s per case.</summary>
    public static PairingSettings Publish { get; } = new(MaxPairs: 40, BlockRequests: 20, TimeBudget: TimeSpan.FromSeconds(5), WarmupRequests: 20, RequestTimeout: TimeSpan.FromSeconds(30));

    /// <summary>
    /// For the quick study (the Quick job), which must run all 117 cases in under 8 minutes on 2 cores: up to 20 pairs or
    /// 0.6 s per case, 10 warm-up requests a side. With sub-blocks a 1 KiB pair takes about 10 ms, so 1 KiB cases get
    /// their 20 pairs well inside the budget, and 2 MiB cases their minimum of 8.
    /// </summary>
    public static PairingSettings Quick { get; } = Publish with { MaxPairs = 20, TimeBudget = TimeSpan.FromSeconds(0.6), WarmupRequests = 10 };

    /// <summary>The hard stop: past this no pair starts, whatever <see cref="MinPairs"/> asks.</summary>
    public TimeSpan HardLimit => TimeBudget * 3;

    /// <summary>When the host names no settings: the publish budget.</summary>
    public static PairingSettings Default => Publish;
}
