using LeakBench.Cases;

namespace LeakBench.Census;

/// <summary>
/// Measures the gen0 budget of the process it runs in, for the leak model (issue 21): after a forced full GC it allocates
/// short-lived small arrays and reads the process's allocated bytes at each gen0 GC; the budget is the bytes between the
/// first GC and the <see cref="WholeBudgets"/>+1-th ÷ <see cref="WholeBudgets"/>. A census cannot give it reliably: a
/// baseline allocates a few KB per request, so 5,000 requests see no gen0 GC or one, and the stretch before the first
/// starts part-way into a budget (the census's setup allocated after its forced GC).
/// </summary>
/// <remarks>
/// Plain code without timing: the figure is the allocator's own count. Run only where nothing else measures, as it
/// allocates several budgets' worth (the baseline's process, after its census's figures are taken, before its pairing).
/// The arrays die young, as most of a request's allocations do, so the budget is the one the GC sets for a low survival
/// rate; a leak's finalizable objects survive, and where the GC then grows its budget the model says so in its caveat.
/// </remarks>
public static class Gen0BudgetProbe
{
    /// <summary>Whole budgets measured and averaged: 3, as the model judges only censuses that saw 3 gen0 GCs or more.</summary>
    public const int WholeBudgets = 3;

    /// <summary>
    /// Bytes per array: small enough for gen0 (far below the 85,000-byte large object threshold), and about the size of
    /// a request's own allocations (a 1 KiB body's buffer), so the probe checks the GC count about once per KB.
    /// </summary>
    public const int ArrayBytes = 1_000;

    /// <summary>
    /// Arrays kept alive at once: the ring makes every array escape (.NET 10 allocates an array that never leaves its
    /// method on the stack, where the GC never sees it), while 64 KB stay live, far below any gen0 budget.
    /// </summary>
    public const int RingLength = 64;

    /// <summary>
    /// The most the probe allocates before it gives up (null), so it always ends: 4 GiB, four times what it needs under
    /// the largest gen0 budget a study setting asks for (gen0size=0x10000000, 256 MiB × the <see cref="WholeBudgets"/>+1
    /// GCs). A server GC whose heaps add up to more (many cores, DATAS off) gets null, and the model its census's budget.
    /// </summary>
    public const long DefaultCeilingBytes = 4L * 1024 * 1024 * 1024;

    private const long CeilingCheckBytes = 1024 * 1024;

    /// <summary>The gen0 budget of this process in bytes; null when <paramref name="ceilingBytes"/> were allocated before the GCs came.</summary>
    public static long? Measure(long ceilingBytes = DefaultCeilingBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ceilingBytes);
        var ring = new byte[RingLength][];
        SocketCensus.FullGc();
        var start = GC.GetTotalAllocatedBytes(precise: true);
        var gcs = GC.CollectionCount(0);
        long? first = null;
        var seen = 0;
        var allocatedSinceCheck = 0L;
        for (var i = 0L; ; i++)
        {
            ring[i % RingLength] = new byte[ArrayBytes];
            allocatedSinceCheck += ArrayBytes;
            var now = GC.CollectionCount(0);
            if (now != gcs)
            {
                gcs = now;
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                // The first GC ends the partial budget the forced GC left running; from it on, every budget is whole.
                if (first is not long from)
                {
                    first = allocated;
                }
                else if (++seen == WholeBudgets)
                {
                    GC.KeepAlive(ring);
                    return (allocated - from) / WholeBudgets;
                }
            }

            // The ceiling on the process's own count, checked every megabyte the probe allocates (a precise read costs more
            // than an allocation), or sooner under a smaller ceiling.
            if (allocatedSinceCheck >= Math.Min(CeilingCheckBytes, ceilingBytes))
            {
                allocatedSinceCheck = 0;
                if (GC.GetTotalAllocatedBytes(precise: true) - start >= ceilingBytes)
                {
                    return null;
                }
            }
        }
    }

    /// <summary>
    /// The census with the probe's budget when its case is its group's baseline (the A/A case: the baseline the host
    /// names is the case itself), unchanged otherwise. The leak model takes the budget from the baseline, never the case.
    /// </summary>
    public static CensusResult RecordOnBaseline(CensusResult census, StudyCase described, StudyCase? baseline)
    {
        ArgumentNullException.ThrowIfNull(census);
        ArgumentNullException.ThrowIfNull(described);
        return baseline is not null && described == baseline ? census with { Gen0BudgetProbeBytes = Measure() } : census;
    }
}
