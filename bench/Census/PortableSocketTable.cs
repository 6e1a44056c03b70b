using System.Net;
using System.Net.NetworkInformation;

namespace LeakBench.Census;

/// <summary>
/// The source for every OS: <see cref="IPGlobalProperties.GetActiveTcpConnections"/> gives each TCP connection's
/// endpoints and state, but not the process that owns it. Client sockets are those whose remote port is the
/// target's, and all of them count as the census's own: the target's port is private to the run (the target
/// picks a free port when it starts), so the only client talking to it is the measured process, as long as
/// nothing else is pointed at that port while the census runs.
/// </summary>
/// <remarks>
/// On Linux .NET builds this list by parsing the same /proc/net/tcp and /proc/net/tcp6 files, so a test on
/// Linux proves this class's counting, not what Windows or macOS report.
/// </remarks>
public sealed class PortableSocketTable : ISocketTable
{
    public SocketTableSource Source => SocketTableSource.Portable;

    public ClientSocketCounts Count(int targetPort, IReadOnlySet<IPEndPoint>? timeWaitBefore = null) =>
        ClientSocketCounts.ByPort(Read(), targetPort, timeWaitBefore);

    // The portable source has no cheaper way: IPGlobalProperties lists every connection.
    public ClientSocketCounts CountHeld(int targetPort) => Count(targetPort) with { TimeWait = 0 };

    // IPGlobalProperties gives states and endpoints, not queues: "n/a" on every OS with this source.
    public KernelQueues? QueuedBytes(int targetPort, bool targetOnThisMachine) => null;

    public HashSet<IPEndPoint> TimeWaitNow(int targetPort) => ClientSocketCounts.TimeWaitIn(Read(), targetPort);

    /// <summary>Every TCP connection the OS lists now, as rows without an owner (inode 0).</summary>
    public static IReadOnlyList<TcpSocket> Read() =>
        [.. IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpConnections()
            .Select(c => new TcpSocket(c.LocalEndPoint, c.RemoteEndPoint, ToCensusState(c.State), Inode: 0))];

    /// <summary>The portable API's states in the census's numbering (the /proc one); states it cannot name become <see cref="TcpState.Close"/>.</summary>
    public static TcpState ToCensusState(System.Net.NetworkInformation.TcpState state) => state switch
    {
        System.Net.NetworkInformation.TcpState.Established => TcpState.Established,
        System.Net.NetworkInformation.TcpState.SynSent => TcpState.SynSent,
        System.Net.NetworkInformation.TcpState.SynReceived => TcpState.SynRecv,
        System.Net.NetworkInformation.TcpState.FinWait1 => TcpState.FinWait1,
        System.Net.NetworkInformation.TcpState.FinWait2 => TcpState.FinWait2,
        System.Net.NetworkInformation.TcpState.TimeWait => TcpState.TimeWait,
        System.Net.NetworkInformation.TcpState.CloseWait => TcpState.CloseWait,
        System.Net.NetworkInformation.TcpState.LastAck => TcpState.LastAck,
        System.Net.NetworkInformation.TcpState.Listen => TcpState.Listen,
        System.Net.NetworkInformation.TcpState.Closing => TcpState.Closing,
        _ => TcpState.Close, // Closed, DeleteTcb, Unknown
    };
}
