using LeakBench.Cases;
using LeakBench.Census;
using LeakBench.Tests.Support;

namespace LeakBench.Tests.Census;

/// <summary>
/// What open leaked connections hold, against the real target on loopback (issue 21): an unread streamed body stays
/// in the kernel, in the client's receive queue and the target's send queue, until a GC closes its connection; a body
/// read to the end leaves nothing queued; a leaked connection is kept past a GC for finalization. Each census runs in
/// a child with a large gen0 budget, so that no GC closes the leak before it is read (see <see cref="CensusChild"/>).
/// </summary>
[Collection(nameof(CensusRunsAlone))]
[Trait("Category", "Slow")]
public sealed class HoldingsKnownAnswerTests(TargetFixture target) : IClassFixture<TargetFixture>
{
    private const int N = 50;

    private Task<CensusResult> Census(bool disposed, Drain drain, long bodyBytes) =>
        CensusChild.RunAsync(target.Urls, new StudyCase { Disposed = disposed, Drain = drain, BodyBytes = bodyBytes }, N, GcConfig.LargeGen0);

    [Fact]
    public async Task Undisposed_unread_streamed_2_MiB_bodies_leave_at_least_1_MiB_queued_per_open_connection()
    {
        if (!SocketTable.IsAvailable)
        {
            return; // the queues come from /proc/net/tcp: Linux only (elsewhere the columns say n/a)
        }

        var r = await Census(disposed: false, Drain.None, 2 * 1024 * 1024);

        Assert.True(r.QueuedOpenSockets >= N - 5, $"open sockets when the queues were read: {r.QueuedOpenSockets}");
        Assert.True(r.QueuedBytesPerOpenConnection >= 1024 * 1024, Describe(r));
        Assert.True(r.ClientQueuedBytes > 0 && r.ServerQueuedBytes > 0, Describe(r));
    }

    [Fact]
    public async Task Undisposed_unread_streamed_256_KiB_bodies_leave_more_than_64_KiB_queued_per_open_connection()
    {
        if (!SocketTable.IsAvailable)
        {
            return;
        }

        var r = await Census(disposed: false, Drain.None, 256 * 1024);

        Assert.True(r.QueuedBytesPerOpenConnection > 64 * 1024, Describe(r));
    }

    [Fact]
    public async Task Disposed_bodies_read_to_the_end_leave_nothing_queued()
    {
        if (!SocketTable.IsAvailable)
        {
            return;
        }

        var r = await Census(disposed: true, Drain.Full, 2 * 1024 * 1024);

        // The client read every byte: nothing waits on its end.
        Assert.Equal(0, r.ClientQueuedBytes);
        // Nor on the target's: its tx_queue counts bytes sent and not yet acknowledged, and the census reads the queues
        // again after the client's delayed ACK (KernelQueues.DelayedAckMax) when the first reading showed any.
        Assert.Equal(0, r.ServerQueuedBytes);
        Assert.Equal(0, r.QueuedBytesPerOpenConnection);
    }

    [Fact]
    public async Task A_leaked_connection_keeps_managed_bytes_past_a_GC_above_what_the_baseline_keeps()
    {
        var leak = await Census(disposed: false, Drain.None, 1024);
        var baseline = await Census(disposed: true, Drain.Full, 1024);

        var message = $"leak: {leak.GcPromotedBytes} B kept, {leak.FinalizableObjects} finalizable, {leak.ClosedByGc} of {leak.OpenBeforeGc} open closed by the GC; " +
                      $"baseline: {baseline.GcPromotedBytes} B kept, {baseline.FinalizableObjects} finalizable, {baseline.ClosedByGc} of {baseline.OpenBeforeGc} closed";
        Assert.True(leak.ClosedByGc >= N - 5, message);
        Assert.True(leak.FinalizableObjects > baseline.FinalizableObjects + leak.ClosedByGc, message); // a socket's handle and more per connection
        // A connection's objects (socket, stream, connection, its buffers) are several KiB: at least 1 KiB each above the baseline.
        Assert.True((leak.GcPromotedBytes - baseline.GcPromotedBytes) / leak.ClosedByGc >= 1024, message);
        Assert.Equal(0, baseline.ClosedByGc);
        Assert.Null(baseline.PromotedBytesPerLeaked);
    }

    private static string Describe(CensusResult r) =>
        $"client {r.ClientQueuedBytes} B, target {r.ServerQueuedBytes} B over {r.QueuedOpenSockets} open sockets: {r.QueuedBytesPerOpenConnection} B each";
}
