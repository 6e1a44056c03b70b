using System.Net;

namespace LeakBench.Census;

/// <summary>
/// The OS view of one process's client sockets to one target port, at one moment. Pure: computed
/// from a socket table, who holds which socket and the TIME_WAIT sockets that existed before.
/// </summary>
public sealed record ClientSocketCounts(int Established, int Open, int TimeWait, int CloseWait)
{
    /// <summary>
    /// Counts by owner (the proc source).
    /// </summary>
    /// <param name="sockets">The OS table (see <see cref="SocketTable"/>).</param>
    /// <param name="ownInodes">Socket inodes held by the measured process (see <see cref="OwnSockets"/>).</param>
    /// <param name="targetPort">The target's port: client sockets are those whose remote port it is.</param>
    /// <param name="timeWaitBefore">TIME_WAIT sockets present at the baseline; they are not this census's.</param>
    public static ClientSocketCounts From(IEnumerable<TcpSocket> sockets, IReadOnlySet<long> ownInodes, int targetPort, IReadOnlySet<IPEndPoint>? timeWaitBefore = null) =>
        // One read of /proc/net/tcp is not a snapshot: on a busy table a row can come twice. Each owned socket counts once, by inode.
        Count(sockets, targetPort, timeWaitBefore, s => ownInodes.Contains(s.Inode) ? s.Inode : null);

    /// <summary>
    /// Counts by port alone (the portable source, which knows no owner): every client socket to
    /// <paramref name="targetPort"/> is the census's. A process holds a socket while it is ESTABLISHED,
    /// SYN_SENT or CLOSE_WAIT; once closed, a socket lingers orphaned (FIN_WAIT1/2, CLOSING, LAST_ACK, TIME_WAIT),
    /// and the proc source leaves those out because an orphan has no inode. So "open" is the held states here.
    /// </summary>
    public static ClientSocketCounts ByPort(IEnumerable<TcpSocket> sockets, int targetPort, IReadOnlySet<IPEndPoint>? timeWaitBefore = null) =>
        Count(sockets, targetPort, timeWaitBefore, s => IsHeld(s.State) ? (s.Local, s.Remote) : null);

    /// <summary>True for the states a socket has while a process still holds it (.NET closes without a half-close).</summary>
    public static bool IsHeld(TcpState state) => state is TcpState.Established or TcpState.SynSent or TcpState.CloseWait;

    /// <summary>The local endpoints of the TIME_WAIT client sockets to <paramref name="targetPort"/> in a table.</summary>
    public static HashSet<IPEndPoint> TimeWaitIn(IEnumerable<TcpSocket> sockets, int targetPort) =>
        sockets.ClientSocketsTo(targetPort).Where(s => s.State == TcpState.TimeWait).Select(s => s.Local).ToHashSet();

    /// <param name="heldBy">The key of a socket the measured process holds (one key per socket), or null when it holds none.</param>
    private static ClientSocketCounts Count(IEnumerable<TcpSocket> sockets, int targetPort, IReadOnlySet<IPEndPoint>? timeWaitBefore, Func<TcpSocket, object?> heldBy)
    {
        // TIME_WAIT sockets belong to no process: counted once each by their two endpoints.
        var held = new Dictionary<object, TcpState>();
        var timeWaits = new HashSet<(IPEndPoint Local, IPEndPoint Remote)>();
        foreach (var s in sockets.ClientSocketsTo(targetPort))
        {
            if (s.State == TcpState.TimeWait)
            {
                if (timeWaitBefore is null || !timeWaitBefore.Contains(s.Local))
                {
                    timeWaits.Add((s.Local, s.Remote));
                }
            }
            else if (heldBy(s) is { } key)
            {
                held[key] = s.State;
            }
        }

        var established = held.Values.Count(state => state == TcpState.Established);
        var closeWait = held.Values.Count(state => state == TcpState.CloseWait);
        return new ClientSocketCounts(established, held.Count, timeWaits.Count, closeWait);
    }
}
