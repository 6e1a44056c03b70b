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

    [GlobalSetup(Target = nameof(Disposed_ReadToEnd))]
    public Task SetupDisposedReadToEnd() => Setup(dispose: true, Drain.Full);

    [GlobalSetup(Target = nameof(Disposed_ReadPartial))]
    public Task SetupDisposedReadPartial() => Setup(dispose: true, Drain.Partial4KiB);

    [GlobalSetup(Target = nameof(Disposed_Unread))]
    public Task SetupDisposedUnread() => Setup(dispose: true, Drain.None);

    [GlobalSetup(Target = nameof(Undisposed_ReadToEnd))]
    public Task SetupUndisposedReadToEnd() => Setup(dispose: false, Drain.Full);

    [GlobalSetup(Target = nameof(Undisposed_ReadPartial))]
    public Task SetupUndisposedReadPartial() => Setup(dispose: false, Drain.Partial4KiB);

    [GlobalSetup(Target = nameof(Undisposed_Unread))]
    public Task SetupUndisposedUnread() => Setup(dispose: false, Drain.None);

    [Benchmark(Baseline = true, OperationsPerInvoke = RequestsPerInvoke)]
    public Task Disposed_ReadToEnd() => RunAsync();

    [Benchmark(OperationsPerInvoke = RequestsPerInvoke)]
    public Task Disposed_ReadPartial() => RunAsync();

    [Benchmark(OperationsPerInvoke = RequestsPerInvoke)]
    public Task Disposed_Unread() => RunAsync();

    [Benchmark(OperationsPerInvoke = RequestsPerInvoke)]
    public Task Undisposed_ReadToEnd() => RunAsync();

    [Benchmark(OperationsPerInvoke = RequestsPerInvoke)]
    public Task Undisposed_ReadPartial() => RunAsync();

    [Benchmark(OperationsPerInvoke = RequestsPerInvoke)]
    public Task Undisposed_Unread() => RunAsync();

    private Task Setup(bool dispose, Drain drain) =>
        SetupAsync(target => RequestPattern.For(target, Framing.ContentLength, BodyBytes, Completion, dispose, drain));
}
