namespace LeakBench.Pairing;

/// <summary>
/// How long one paired comparison runs. It stops at <see cref="MaxPairs"/> block pairs or when
/// <see cref="TimeBudget"/> has passed, whichever comes first (checked between pairs, so a pair is
/// never cut). The defaults keep a 1 KiB case well under a second and bound a 2 MiB case at
/// 2–5 ms per request to the budget: 2 × 20 requests × 5 ms = 0.2 s a pair, 25 pairs in 5 s.
/// </summary>
/// <param name="MaxPairs">Block pairs at most; each pair is one case block and one baseline block.</param>
/// <param name="BlockRequests">Requests per block: enough for a block median and P95, few enough that the machine's speed barely moves within a pair.</param>
/// <param name="TimeBudget">Wall time after which no new pair starts.</param>
/// <param name="WarmupRequests">Untimed requests per side before the first pair: connections, JIT and pools warm on both clients.</param>
/// <param name="RequestTimeout">A request that takes longer fails the comparison (a stalled case gets no ratio).</param>
public sealed record PairingSettings(int MaxPairs, int BlockRequests, TimeSpan TimeBudget, int WarmupRequests, TimeSpan RequestTimeout)
{
    public static PairingSettings Default { get; } = new(MaxPairs: 40, BlockRequests: 20, TimeBudget: TimeSpan.FromSeconds(5), WarmupRequests: 20, RequestTimeout: TimeSpan.FromSeconds(30));
}
