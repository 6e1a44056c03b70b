namespace LeakBench.Census;

/// <summary>
/// Payload bytes parked in the kernel on the connections between the measured process and the target, at one moment:
/// on the client's sockets (its receive queue: body bytes it has not read; its send queue) and on the target's sockets
/// to those same connections (its send queue: body bytes the client has not acknowledged). An unread body does not
/// vanish: it sits there until the connection closes, at a GC for a leak. From <c>/proc/net/tcp{,6}</c>'s
/// <c>tx_queue:rx_queue</c> column (Linux only; the portable source has no queues and gives no reading).
/// </summary>
/// <param name="ClientBytes">Send plus receive queues of the client's open sockets to the target's port.</param>
/// <param name="ServerBytes">Send plus receive queues of the target's sockets whose peer is one of those client sockets; null when the target's sockets are not in this machine's table (a remote target).</param>
/// <param name="OpenClientSockets">The client's open sockets to the target's port in the same reading.</param>
public sealed record KernelQueues(long ClientBytes, long? ServerBytes, int OpenClientSockets)
{
    /// <summary>
    /// The longest a Linux receiver delays its ACK (TCP_DELACK_MAX, 200 ms): the target's tx_queue counts bytes sent and
    /// not yet acknowledged, so right after the last request a connection that read everything can still show the
    /// last response's bytes (measured: 1,142 bytes, one 1 KiB response, on every 1 KiB baseline). A reading this long
    /// after the requests no longer has them; a leak's bytes, never read, are still there.
    /// </summary>
    public static readonly TimeSpan DelayedAckMax = TimeSpan.FromMilliseconds(200);

    /// <summary>Whether any byte is queued on either end.</summary>
    public bool Any => ClientBytes > 0 || ServerBytes > 0;
}
