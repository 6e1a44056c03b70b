using BenchmarkDotNet.Attributes;
using LeakBench.Cases;

namespace LeakBench.Benchmarks;

/// <summary>
/// The dispose x drain cases over HTTP/2 (h2c, prior knowledge, the target's h2c port) x body
/// {1 KiB, 256 KiB, 2 MiB} x EnableMultipleHttp2Connections {false, true}. Kestrel allows 100
/// concurrent streams per connection and the client's stream window is 65,535 bytes: an undisposed,
/// unread body larger than the window keeps its stream (its slot) open, and request 101 waits. 256 KiB,
/// not 64 KiB: the result must not hang on one byte over the window. Requests time out after
/// <see cref="CaseClient.StallTimeout"/> (2 s), so a stall costs 2 s, not HttpClient's default 100 s;
/// a case whose census stalls is not timed, on purpose (its census is its measurement).
/// Method and parameter names are published benchmark IDs: never rename them.
/// </summary>
public class Http2Benchmarks : RequestBenchmarks
{
    [Params(1024, 256 * 1024, 2 * 1024 * 1024)]
    public int BodyBytes { get; set; }

    [Params(false, true)]
    public bool MultipleHttp2Connections { get; set; }

    [Benchmark(Baseline = true, OperationsPerInvoke = RequestsPerInvoke), Case(disposed: true, Drain.Full)]
    public Task Disposed_ReadToEnd() => RunAsync();

    [Benchmark(OperationsPerInvoke = RequestsPerInvoke), Case(disposed: true, Drain.None)]
    public Task Disposed_Unread() => RunAsync();

    [Benchmark(OperationsPerInvoke = RequestsPerInvoke), Case(disposed: false, Drain.Full)]
    public Task Undisposed_ReadToEnd() => RunAsync();

    [Benchmark(OperationsPerInvoke = RequestsPerInvoke), Case(disposed: false, Drain.None)]
    public Task Undisposed_Unread() => RunAsync();

    /// <summary>
    /// The leak in a process with a server's GC budget (DOTNET_GCgen0size=0x10000000, as in FdLimitBenchmarks). Each
    /// held stream buffers up to its 64 KiB window, so on a small machine's workstation budget (about 5 MB a gen0 GC
    /// here) a GC comes before 100 streams pile up and frees the oldest: Undisposed_Unread holds streams but rarely
    /// stalls. With a large budget no GC comes, and request 101 waits for a slot.
    /// </summary>
    [Benchmark(OperationsPerInvoke = RequestsPerInvoke), Case(disposed: false, Drain.None, GcConfig = GcConfig.LargeGen0)]
    public Task Undisposed_Unread_LargeGen0() => RunAsync();

    protected internal override StudyCase Describe(StudyCase method) => method with
    {
        BodyBytes = BodyBytes,
        Protocol = HttpProtocol.Http2,
        MultipleHttp2Connections = MultipleHttp2Connections,
        RequestTimeout = CaseClient.StallTimeout,
    };

    /// <summary>A quarter of the study's census, at least 250: enough for 100 leaked streams, a stall, and a second connection's worth.</summary>
    protected internal override int CensusRequestsFor(int studyRequests) => Math.Max(250, studyRequests / 4);
}
