using System.Text.Json.Serialization;

namespace LeakBench.Census;

/// <summary>
/// What the open connections hold (issue 21): bytes queued in the kernel on both ends at the end of the requests,
/// managed bytes the first full GC kept for finalization, and the target's memory. Null: not measured (a census file
/// from before these figures, the portable socket source, a remote target).
/// </summary>
public sealed partial record CensusResult
{
    /// <summary>Send plus receive queues of the client's open sockets to the target at the end of the requests (read again after the delayed-ACK maximum where that showed bytes; see <see cref="KernelQueues.DelayedAckMax"/>).</summary>
    public long? ClientQueuedBytes { get; init; }

    /// <summary>Send plus receive queues of the target's ends of those connections, in the same reading; null for a target on another machine.</summary>
    public long? ServerQueuedBytes { get; init; }

    /// <summary>The client's open sockets to the target in that reading.</summary>
    public int? QueuedOpenSockets { get; init; }

    /// <summary>Both ends' queued bytes per client socket open at that moment; null without both ends or without an open socket.</summary>
    [JsonIgnore]
    public double? QueuedBytesPerOpenConnection =>
        ClientQueuedBytes is long client && ServerQueuedBytes is long server && QueuedOpenSockets is > 0 ? (client + server) / (double)QueuedOpenSockets.Value : null;

    /// <summary>P1 − P2: bytes the first forced full GC after the settle promoted only because they waited for finalization (see <see cref="FinalizableKept"/>).</summary>
    public long? GcPromotedBytes { get; init; }

    /// <summary>Objects that first GC found ready for finalization.</summary>
    public long? FinalizableObjects { get; init; }

    /// <summary>The client's open sockets to the target just before that GC (after the settle).</summary>
    public int? OpenBeforeGc { get; init; }

    /// <summary>The client's sockets that GC closed (open before it, not after): the leaked connections it finalized.</summary>
    public int? ClosedByGc { get; init; }

    /// <summary>
    /// <see cref="GcPromotedBytes"/> per connection the GC closed; null when it closed none (a baseline: what its GC
    /// kept for finalization is the process's own, about 10 KB in 10 objects measured, not a connection's).
    /// </summary>
    [JsonIgnore]
    public double? PromotedBytesPerLeaked =>
        GcPromotedBytes is long promoted && ClosedByGc is > 0 ? promoted / (double)ClosedByGc.Value : null;

    /// <summary>
    /// Whether a GC came between the end of the requests and the census's forced GC (see <see cref="GcFreeWindow"/>):
    /// then the count after the settle and the forced GC's figures miss the connections that GC closed. Null: not recorded.
    /// </summary>
    public bool? GcAfterRequests { get; init; }

    /// <summary>The target's managed heap (its /stats) when the census began, before the first request.</summary>
    public long? TargetGcHeapBytesBefore { get; init; }

    /// <summary>The target's managed heap when the sending stopped, with the leak open.</summary>
    public long? TargetGcHeapBytes { get; init; }

    /// <summary>The target's working set when the census began.</summary>
    public long? TargetWorkingSetBytesBefore { get; init; }

    /// <summary>The target's working set when the sending stopped.</summary>
    public long? TargetWorkingSetBytes { get; init; }
}
