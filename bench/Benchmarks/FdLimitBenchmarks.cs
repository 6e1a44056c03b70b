using BenchmarkDotNet.Attributes;
using LeakBench.Cases;

namespace LeakBench.Benchmarks;

/// <summary>
/// The fd limit x the GC budget: leaked sockets stay open until a GC finalizes them, so how many pile
/// up depends on how much the process allocates between GCs. The baseline and the leaking case
/// (undisposed, unread, 1 KiB) under six GC configurations: workstation (the default), server GC,
/// workstation with a large gen0 budget (<c>DOTNET_GCgen0size=0x10000000</c>), server GC with DATAS off
/// (<c>DOTNET_GCDynamicAdaptationMode=0</c>), workstation with a mid-size budget (<c>DOTNET_GCgen0size=0x4000000</c>)
/// and workstation with a small one (<c>DOTNET_GCgen0size=0x800000</c>).
/// <para>
/// The GC configuration is a case dimension (the <see cref="GcConfig"/> parameter), not a BenchmarkDotNet
/// job: the host sets <c>DOTNET_gcServer=1</c> / <c>DOTNET_GCgen0size</c> in that benchmark process's
/// environment before it starts (where it names the case), so the published job ids stay Quick and
/// Publish and compose with <c>--runtimes</c> unchanged. The census records the budget the run actually
/// got (allocated bytes per gen0 GC) next to the requested value.
/// </para>
/// <para>
/// The census lowers its own process's soft RLIMIT_NOFILE to <see cref="FdLimit"/> (.NET raises the soft
/// limit to the hard one at start, so this stands for a hard limit of 1,024, what <c>ulimit -n 1024</c>
/// sets), records the descriptors already held, lifts the 1,000-open-socket cap, reads neither /proc nor
/// the control port while the limit is in force, and puts it back afterwards. A failed request ends the
/// census as a result; such a case is not timed, on purpose. Not applicable on Windows (no RLIMIT_NOFILE):
/// there the census runs without a limit. Method and parameter names are published benchmark IDs.
/// </para>
/// </summary>
public class FdLimitBenchmarks : RequestBenchmarks
{
    /// <summary>The soft fd limit of the census: 1,024, a common hard limit.</summary>
    public const int FdLimit = 1024;

    // The first three are published; the next two (issue 21) move the budget as production does: server GC without
    // DATAS, and a mid-size gen0 budget; the last, a small gen0 budget, is the one whose leak meets many GCs below the
    // fd limit, so the model peak ≈ budget ÷ bytes per request is checked on a rhythm of GCs, not only on one climb.
    [Params(GcConfig.Workstation, GcConfig.Server, GcConfig.LargeGen0, GcConfig.ServerNoDatas, GcConfig.MidGen0, GcConfig.SmallGen0)]
    public GcConfig GcConfig { get; set; }

    [Benchmark(Baseline = true, OperationsPerInvoke = RequestsPerInvoke), Case(disposed: true, Drain.Full)]
    public Task Disposed_ReadToEnd() => RunAsync();

    [Benchmark(OperationsPerInvoke = RequestsPerInvoke), Case(disposed: false, Drain.None)]
    public Task Undisposed_Unread() => RunAsync();

    protected internal override StudyCase Describe(StudyCase method) => method with
    {
        BodyBytes = 1024,
        GcConfig = GcConfig,
        FdLimit = FdLimit,
    };

    /// <summary>5,000 requests in the quick study (1,000 × 5) and 10,000 published (the cap): enough to pass 1,024 leaked sockets.</summary>
    protected internal override int CensusRequestsFor(int studyRequests) => Math.Min(10_000, studyRequests * 5);
}
