using LeakBench.Cases;
using LeakBench.Statistics;

namespace LeakBench.Pairing;

/// <summary>
/// How long one paired comparison runs: it adds block pairs until the median ratio's bounds reach
/// <see cref="PrecisionTarget"/> (<see cref="PrecisionRule"/>), until <see cref="TimeBudget"/> (the case's time cap) has
/// passed, or at <see cref="MaxPairs"/>, whichever comes first; it stops only at an even count (each order of the two
/// sides as often) and never cuts a pair. The host sets these per case (<see cref="ForCase"/>): the job decides the cap,
/// the case's cost its target and block size.
/// </summary>
/// <param name="MaxPairs">Block pairs at most: a ceiling on memory and on the cost of a precision check, above what the cap allows at 1 KiB.</param>
/// <param name="BlockRequests">Timed requests per side in a pair (per caller, with concurrent callers): enough for a block median, few enough that the machine's speed barely moves within a pair.</param>
/// <param name="TimeBudget">The case's time cap: no pair starts after it (but one, to make the count even), warm-up included, unless fewer pairs than bounds need (<see cref="PairedLatencyRunner.MinimumPairsForBounds"/>) have run.</param>
/// <param name="WarmupRequests">Untimed requests per side before the first pair, on a handler of their own: JIT and pools warm on both sides.</param>
/// <param name="RequestTimeout">A request that takes longer fails the comparison (a stalled case gets no ratio).</param>
/// <param name="HandlerWarmupRequests">Untimed requests on each fresh handler before its block: its connection is open and past TCP slow start when the timing starts.</param>
/// <param name="MinPairs">The first precision check (<see cref="PrecisionRule.PairingMinimum"/>): no pairing stops on precision below it.</param>
/// <param name="OrderSeed">Seeds the per-pair order (which side runs first); fixed, so the same settings give the same order.</param>
/// <param name="SubBlockRequests">Requests in a row of one side inside a pair; the sub-blocks alternate in ABBA order (see <see cref="PairedLatencyRunner"/>).</param>
/// <param name="PrecisionTarget">The half-width to reach, a fraction (0.025 is ±2.5%); null: no precision stop (the cap or the ceiling ends it).</param>
/// <param name="Callers">Concurrent callers per side: the case's own (16 in the concurrent ConnectionLimit cases), so its latency is measured under its load.</param>
public sealed record PairingSettings(
    int MaxPairs,
    int BlockRequests,
    TimeSpan TimeBudget,
    int WarmupRequests,
    TimeSpan RequestTimeout,
    int HandlerWarmupRequests = PairingSettings.DefaultHandlerWarmupRequests,
    int MinPairs = PrecisionRule.PairingMinimum,
    int OrderSeed = 20_251_126,
    int SubBlockRequests = PairingSettings.DefaultSubBlockRequests,
    double? PrecisionTarget = null,
    int Callers = 1)
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

    /// <summary>
    /// Timed requests a side in a pair for bodies above <see cref="PrecisionTargets.CheapUpToBytes"/>: 10 instead of 20.
    /// A 2 MiB request costs 2–5 ms, so a pair of 20 (and 2 warm-ups) a side is about 0.2 s and the quick cap would hold
    /// five pairs, too few for bounds; with 10 a pair is about 0.1 s, and the median of 10 is still a median.
    /// </summary>
    public const int LargeBodyBlockRequests = 10;

    /// <summary>
    /// For published runs (the Publish job): a cap of 12 s per case, a ceiling of 1,000 pairs. Budget: the full study
    /// (117 cases, about 110 of them paired) took 18 min 34 s with 230 s of pairing, so 884 s without it; with every
    /// paired case at its cap plus one pair (≤ 0.1 s), 110 × 12.1 s = 1,331 s, the whole ≈ 2,215 s ≈ 37 min, inside the
    /// 45-minute budget with 8 minutes to spare. A 1 KiB pair costs about 10 ms, so ±1% (about 300 pairs at the measured
    /// A/A spread) fits in about 3 s; the cap binds the costly cases.
    /// </summary>
    public static PairingSettings Publish { get; } = new(MaxPairs: 1_000, BlockRequests: 20, TimeBudget: TimeSpan.FromSeconds(12), WarmupRequests: 20, RequestTimeout: TimeSpan.FromSeconds(30));

    /// <summary>
    /// For the quick study (the Quick job), which must run all 117 cases in under 8 minutes on 2 cores: a cap of 1 s per case,
    /// 10 warm-up requests a side, a ceiling of 400 pairs. Budget: the quick study took about 6 min 50 s (410 s) with about
    /// 0.7 s of pairing per case (77 s for 110 paired cases), so 333 s without it; with every paired case at its cap plus one
    /// pair, 110 × 1.1 s = 121 s, the whole ≈ 454 s ≈ 7 min 34 s, inside 8 minutes. A 1 KiB pair costs about 10 ms, so
    /// ±2.5% (about 110 pairs) fits; a 2 MiB case gets about 10 pairs of 10 requests a side.
    /// </summary>
    public static PairingSettings Quick { get; } = Publish with { MaxPairs = 400, TimeBudget = TimeSpan.FromSeconds(1), WarmupRequests = 10 };

    /// <summary>
    /// A published run's A/A (a group's baseline against itself) gets 5 times the cap, 60 s: it is the group's
    /// calibration. At 2.5 times (30 s), 5 of 34 groups stopped short of the published precision in the run of 2026-12-03
    /// (-3): HTTP/2 256 KiB multi-connection ±1.97%, the 16-caller 1 KiB group ±2.83%, HTTP/2 2 MiB ±4.07–5.25% and TLS
    /// HTTP/2 2 MiB ±8.6%; twice the pairs narrow them by √2. Only the baselines that reach the cap pay it: 7 of 34 did,
    /// 7 × 30 s = 3.5 min more, paid for by the Publish job's fewer BenchmarkDotNet iterations (see Config.StudyProfile.Publish).
    /// </summary>
    public const double PublishAaCapFactor = 5;

    /// <summary>
    /// The quick study's A/A gets 5 times its 1 s cap, 5 s: it is the group's calibration, meant to reach ±3.5% (plaintext
    /// up to 256 KiB) or ±7% even in a quick run. At 2 s, three 2 MiB A/As stopped at 10–26 pairs with ±11.5–13.4%
    /// (buffered 2 MiB, HTTP/2 2 MiB, HTTP/2 over TLS 2 MiB; quick run of 2026-12-06 04:48, 31 of 34 groups met it), their
    /// pairs' log ratios spreading 0.17–0.32; at 5 s all 34 did, the widest ±5.2%, and the study took 5 min 23 s (05:30,
    /// the same VM). Only the baselines that do not reach their precision target pay it: one reached the 5 s cap, two
    /// more took 3.8 and 4.2 s. (On the slower VM of 2026-12-03, with two BenchmarkDotNet iterations, 3 s and 4 s had
    /// taken the study to 8 min 5 s – 8 min 42 s.)
    /// </summary>
    public const double QuickAaCapFactor = 5;

    /// <summary>The A/A's cap as a multiple of a case's, by job.</summary>
    public static double AaCapFactor(bool publish) => publish ? PublishAaCapFactor : QuickAaCapFactor;

    /// <summary>When the host names no settings: the publish budget.</summary>
    public static PairingSettings Default => Publish;

    /// <summary>
    /// These settings for one case against its baseline: the precision target by the costlier side's cost (or
    /// <paramref name="precisionOverride"/>, --precision), blocks of <see cref="LargeBodyBlockRequests"/> for bodies above
    /// 256 KiB, the case's concurrent callers, and a longer cap for the A/A (the case is
    /// <paramref name="baseline"/>: its group's baseline, paired against itself).
    /// </summary>
    public PairingSettings ForCase(StudyCase @case, StudyCase? baseline, bool publish, double? precisionOverride = null)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var costlier = baseline is null || !PrecisionTargets.IsCheap(@case) ? @case : baseline;
        var largeBody = Math.Max(@case.BodyBytes, baseline?.BodyBytes ?? 0) > PrecisionTargets.CheapUpToBytes;
        return this with
        {
            PrecisionTarget = precisionOverride ?? PrecisionTargets.For(costlier, publish),
            // Concurrent callers each time a block: 10 a caller (two sub-blocks) keeps a 16-caller pair at 160 requests a side,
            // so the cap still holds pairs enough for bounds, and its P95 has 8 requests above it: a verdict (TailRule).
            BlockRequests = @case.Callers > 1 ? 2 * SubBlockRequests : largeBody ? LargeBodyBlockRequests : BlockRequests,
            Callers = Math.Max(1, @case.Callers),
            TimeBudget = baseline is null || baseline == @case ? TimeBudget * AaCapFactor(publish) : TimeBudget,
        };
    }
}
