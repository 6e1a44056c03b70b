namespace LeakBench.Census;

/// <summary>
/// A stretch without GCs from the end of the requests to the census's forced GC. A leak's connections close at the
/// first GC after them, and the census's own readings after the requests (the OS table, the target's stats, the
/// settle) allocate: where the requests stopped close to the end of a gen0 budget, those readings brought the GC that
/// closed the leak before it was counted (measured in the published run of 2026-12-03: a 1 KiB leak stopped at 1,000
/// open sockets, and 0 were left after the settle, none for the forced GC to close). Inside the window the counts after
/// the settle and the forced GC's figures describe what the requests left, not what the census's reading did.
/// </summary>
/// <remarks>
/// <see cref="GC.TryStartNoGCRegion(long, bool)"/> with disallowFullBlockingGC: the runtime then enters the region
/// with a "minimal GC" that collects nothing (it only reserves the space; it does raise the collection counts by
/// one, so the counts are read before it). A runtime that cannot reserve the space gives no window; a census that
/// allocates more than <see cref="Bytes"/> inside it ends it with a real GC. Both are reported, not hidden.
/// </remarks>
public sealed class GcFreeWindow
{
    /// <summary>
    /// What the census may allocate inside the window: its readings after the requests allocate about a megabyte
    /// each with 1,000 sockets open (the /proc text), and a disagreement between two sources re-reads them every 20 ms
    /// for up to 2 s; 64 MiB covers that, and is far below what the GC can reserve (an ephemeral segment is 256 MiB).
    /// </summary>
    public const long Bytes = 64L * 1024 * 1024;

    private readonly int _gcCountAtStart;

    private GcFreeWindow(bool opened)
    {
        Opened = opened;
        _gcCountAtStart = GC.CollectionCount(0);
    }

    /// <summary>Whether the runtime gave the window (false: GCs may come as usual).</summary>
    public bool Opened { get; }

    /// <summary>Opens the window; never throws (a window the runtime refuses is reported by <see cref="Opened"/>).</summary>
    public static GcFreeWindow Open()
    {
        try
        {
            return new GcFreeWindow(GC.TryStartNoGCRegion(Bytes, disallowFullBlockingGC: true));
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException)
        {
            // Too large for this GC's segments, or a region already open: no window, not a failed census.
            return new GcFreeWindow(opened: false);
        }
    }

    /// <summary>
    /// Closes the window. True when no GC came inside it; false when one did (the window ended early, or was never
    /// opened and a GC ran meanwhile).
    /// </summary>
    public bool Close()
    {
        var quiet = GC.CollectionCount(0) == _gcCountAtStart;
        if (Opened)
        {
            try
            {
                GC.EndNoGCRegion();
            }
            catch (InvalidOperationException)
            {
                // A GC ended the region (the census allocated more than it reserved, or induced one): that GC is the answer.
                quiet = false;
            }
        }

        return quiet;
    }
}
