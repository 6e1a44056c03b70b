using LeakBench.Statistics;

namespace LeakBench.Pairing;

/// <summary>What one paired comparison measured: the block pairs (latencies in microseconds) and what it cost.</summary>
/// <param name="Pairs">In the order they ran; which side ran first is balanced over each two pairs and otherwise random (see <see cref="PairedLatencyRunner.CaseFirstOrder"/>).</param>
/// <param name="Elapsed">Wall time of the whole comparison, warm-up and bound GCs included.</param>
/// <param name="SocketBoundGcs">Full GCs forced between blocks because more than the bound of client sockets were open.</param>
/// <param name="CaseConnectionsOpened">Connections the case's handlers opened (one fresh handler per block; warm-up included).</param>
/// <param name="BaselineConnectionsOpened">Connections the baseline's handlers opened (one fresh handler per block; warm-up included).</param>
/// <param name="StoppedByTimeBudget">True when the time budget, not the pair count, ended it.</param>
public sealed record PairingRun(IReadOnlyList<BlockPair> Pairs, TimeSpan Elapsed, int SocketBoundGcs, int CaseConnectionsOpened, int BaselineConnectionsOpened, bool StoppedByTimeBudget);
