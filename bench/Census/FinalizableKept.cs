namespace LeakBench.Census;

/// <summary>
/// What the first full GC after the requests kept alive only because it was waiting for finalization. A leaked
/// connection's socket is finalizable, so a GC cannot free it: it finds it unreachable, queues its finalizer and keeps
/// it, with everything it references, one collection longer. Measured as the bytes the first blocking full GC promoted
/// (P1) minus the bytes the next one promoted after the finalizers ran (P2), from <see cref="GC.GetGCMemoryInfo(GCKind)"/>
/// with <see cref="GCKind.FullBlocking"/>: the same GC's own account, not a difference of heap sizes taken around it.
/// </summary>
/// <param name="PromotedBytes">P1 − P2: bytes the first GC kept that the second freed.</param>
/// <param name="FinalizableObjects">Objects the first GC found ready for finalization (its <see cref="GCMemoryInfo.FinalizationPendingCount"/>).</param>
public sealed record FinalizableKept(long PromotedBytes, long FinalizableObjects)
{
    /// <summary>
    /// A blocking compacting full GC, its finalizers, and a second one: the census's forced full GC, measured. Anything
    /// else the process allocates between the two GCs (a finalizer's own work) is in P2 too, so the difference is a
    /// lower bound of what finalization kept.
    /// </summary>
    public static FinalizableKept Measure()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var first = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var second = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        return new FinalizableKept(first.PromotedBytes - second.PromotedBytes, first.FinalizationPendingCount);
    }
}
