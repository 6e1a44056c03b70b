using System.Net;

namespace LeakBench.Census;

/// <summary>
/// The OS view of one process's client sockets to one target port, at one moment. Pure: computed
/// from a socket table, the process's socket inodes and the TIME_WAIT sockets that existed before.
/// </summary>
public sealed record ClientSocketCounts(int Established, int Open, int TimeWait, int CloseWait)
{
    /// <param name="sockets">The OS table (see <see cref="SocketTable"/>).</param>
    /// <param name="ownInodes">Socket inodes held by the measured process (see <see cref="OwnSockets"/>).</param>
    /// <param name="targetPort">The target's port: client sockets are those whose remote port it is.</param>
    /// <param name="timeWaitBefore">TIME_WAIT sockets present at the baseline; they are not this census's.</param>
    public static ClientSocketCounts From(IEnumerable<TcpSocket> sockets, IReadOnlySet<long> ownInodes, int targetPort, IReadOnlySet<IPEndPoint>? timeWaitBefore = null)
    {
        // One read of /proc/net/tcp is not a snapshot: on a busy table a row can come twice. Count each
        // socket once, owned ones by inode, ownerless TIME_WAIT ones by their two endpoints.
        var owned = new Dictionary<long, TcpState>();
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
            else if (ownInodes.Contains(s.Inode))
            {
                owned[s.Inode] = s.State;
            }
        }

        var established = owned.Values.Count(state => state == TcpState.Established);
        var closeWait = owned.Values.Count(state => state == TcpState.CloseWait);
        var open = owned.Count;
        var timeWait = timeWaits.Count;
        return new ClientSocketCounts(established, open, timeWait, closeWait);
    }

    /// <summary>Reads the live table for this process.</summary>
    public static ClientSocketCounts Now(int targetPort, IReadOnlySet<IPEndPoint>? timeWaitBefore = null) =>
        From(SocketTable.Read(), OwnSockets.Inodes(), targetPort, timeWaitBefore);

    /// <summary>The TIME_WAIT sockets to the target that exist now (the census baseline excludes them).</summary>
    public static HashSet<IPEndPoint> TimeWaitNow(int targetPort) =>
        SocketTable.Read().ClientSocketsTo(targetPort).Where(s => s.State == TcpState.TimeWait).Select(s => s.Local).ToHashSet();
}
