using System.Net;

namespace LeakBench.Census;

/// <summary>One way of reading the OS's view of this process's client sockets to a target port (<see cref="SocketTableSource"/>).</summary>
public interface ISocketTable
{
    SocketTableSource Source { get; }

    /// <summary>The client sockets to <paramref name="targetPort"/> now, without the TIME_WAIT ones of the baseline.</summary>
    ClientSocketCounts Count(int targetPort, IReadOnlySet<IPEndPoint>? timeWaitBefore = null);

    /// <summary>
    /// The held client sockets to <paramref name="targetPort"/> now (TimeWait left at 0), read as lightly as the source
    /// allows: the census samples this every 100 requests, and a sample that allocates can bring forward the GC that
    /// frees what a leak holds.
    /// </summary>
    ClientSocketCounts CountHeld(int targetPort);

    /// <summary>
    /// The payload bytes queued in the kernel on the client's sockets to <paramref name="targetPort"/> and, when
    /// <paramref name="targetOnThisMachine"/>, on the target's ends of them; null where the source has no queues.
    /// </summary>
    KernelQueues? QueuedBytes(int targetPort, bool targetOnThisMachine);

    /// <summary>The local endpoints of the TIME_WAIT client sockets to <paramref name="targetPort"/> now (the census baseline).</summary>
    HashSet<IPEndPoint> TimeWaitNow(int targetPort);
}
