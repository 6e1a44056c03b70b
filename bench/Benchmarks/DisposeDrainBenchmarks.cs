using BenchmarkDotNet.Attributes;
using LeakBench.Cases;

namespace LeakBench.Benchmarks;

/// <summary>
/// The study's matrix over HTTP/1.1 with one shared HttpClient: dispose {no, yes} x drain {none,
/// partial 4 KiB, full} (one method each) x completion option x body size (parameters). The
/// recommended pattern — dispose, read to the end — is the baseline of every group.
/// Method and parameter names are published benchmark IDs: never rename them.
/// </summary>
public class DisposeDrainBenchmarks : RequestBenchmarks
{
    [Params(HttpCompletionOption.ResponseContentRead, HttpCompletionOption.ResponseHeadersRead)]
    public HttpCompletionOption Completion { get; set; }

    /// <summary>1 KiB, and 2 MiB: above SocketsHttpHandler's 1 MiB MaxResponseDrainSize.</summary>
    [Params(1024, 2 * 1024 * 1024)]
    public int BodyBytes { get; set; }

    [Benchmark(Baseline = true, OperationsPerInvoke = RequestsPerInvoke), Case(disposed: true, Drain.Full)]
    public Task Disposed_ReadToEnd() => RunAsync();

    [Benchmark(OperationsPerInvoke = RequestsPerInvoke), Case(disposed: true, Drain.Partial4KiB)]
    public Task Disposed_ReadPartial() => RunAsync();

    [Benchmark(OperationsPerInvoke = RequestsPerInvoke), Case(disposed: true, Drain.None)]
    public Task Disposed_Unread() => RunAsync();

    [Benchmark(OperationsPerInvoke = RequestsPerInvoke), Case(disposed: false, Drain.Full)]
    public Task Undisposed_ReadToEnd() => RunAsync();

    [Benchmark(OperationsPerInvoke = RequestsPerInvoke), Case(disposed: false, Drain.Partial4KiB)]
    public Task Undisposed_ReadPartial() => RunAsync();

    [Benchmark(OperationsPerInvoke = RequestsPerInvoke), Case(disposed: false, Drain.None)]
    public Task Undisposed_Unread() => RunAsync();

    protected internal override StudyCase Describe(StudyCase method) => method with { Completion = Completion, BodyBytes = BodyBytes };
}
