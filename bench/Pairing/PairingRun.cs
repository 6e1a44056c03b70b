using LeakBench.Statistics;

namespace LeakBench.Pairing;

/// <summary>What one paired comparison measured: the block pairs (latencies in microseconds) and what it cost.</summary>
/// <param name="Pairs">In the order they ran; which side ran first is balanced over each two pairs and otherwise random (see <see cref="PairedLatencyRunner.CaseFirstOrder"/>).</param>
/// <param name="Elapsed">Wall time of the whole comparison, warm-up and bound GCs included.</param>
/// <param name="SocketBoundGcs">Full GCs forced between blocks because more than the bound of client sockets were open.</param>
/// <param name="CaseConnectionsOpened">Connections the case's handlers opened (one fresh handler per block; warm-up included).</param>
/// <param name="BaselineConnectionsOpened">Connections the baseline's handlers opened (one fresh handler per block; warm-up included).</param>
/// <param name="StoppedBy">What ended it: the precision reached, the time cap, or the pair ceiling.</param>
public sealed record PairingRun(IReadOnlyList<BlockPair> Pairs, TimeSpan Elapsed, int SocketBoundGcs, int CaseConnectionsOpened, int BaselineConnectionsOpened, PairingStop StoppedBy)
{
    /// <summary>True when the time cap, not the precision or the ceiling, ended it.</summary>
    public bool StoppedByTimeBudget => StoppedBy == PairingStop.TimeCap;

    /// <summary>Per pair, in run order: true when the case's side went first.</summary>
    public IReadOnlyList<bool> CaseFirst { get; init; } = [];

    /// <summary>The most timed requests the pairing had in flight at once (of one side: the sides never overlap): the callers that really ran together.</summary>
    public int PeakInFlight { get; init; }
}
