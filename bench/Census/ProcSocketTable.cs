using System.Net;

namespace LeakBench.Census;

/// <summary>
/// The Linux source: <c>/proc/net/tcp</c> and <c>/proc/net/tcp6</c> (<see cref="SocketTable"/>), narrowed to the
/// sockets this process holds (<see cref="OwnSockets"/>), so another client of the same port never counts.
/// </summary>
public sealed class ProcSocketTable : ISocketTable
{
    public SocketTableSource Source => SocketTableSource.Proc;

    public ClientSocketCounts Count(int targetPort, IReadOnlySet<IPEndPoint>? timeWaitBefore = null) =>
        ClientSocketCounts.From(SocketTable.Read(), OwnSockets.Inodes(), targetPort, timeWaitBefore);

    public ClientSocketCounts CountHeld(int targetPort) => HeldSocketScan.Count(targetPort, OwnSockets.Inodes());

    public KernelQueues? QueuedBytes(int targetPort, bool targetOnThisMachine) => HeldSocketScan.Queues(targetPort, OwnSockets.Inodes(), targetOnThisMachine);

    public HashSet<IPEndPoint> TimeWaitNow(int targetPort) => ClientSocketCounts.TimeWaitIn(SocketTable.Read(), targetPort);
}
