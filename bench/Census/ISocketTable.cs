using System.Net;

namespace LeakBench.Census;

/// <summary>One way of reading the OS's view of this process's client sockets to a target port (<see cref="SocketTableSource"/>).</summary>
public interface ISocketTable
{
    SocketTableSource Source { get; }

    /// <summary>The client sockets to <paramref name="targetPort"/> now, without the TIME_WAIT ones of the baseline.</summary>
    ClientSocketCounts Count(int targetPort, IReadOnlySet<IPEndPoint>? timeWaitBefore = null);

    /// <summary>The local endpoints of the TIME_WAIT client sockets to <paramref name="targetPort"/> now (the census baseline).</summary>
    HashSet<IPEndPoint> TimeWaitNow(int targetPort);
}
