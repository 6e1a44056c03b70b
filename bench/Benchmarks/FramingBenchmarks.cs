using BenchmarkDotNet.Attributes;
using LeakBench.Cases;

namespace LeakBench.Benchmarks;

/// <summary>
/// Where framing changes the answer: a streamed (ResponseHeadersRead) response that is disposed
/// without being read is drained only while the remainder fits MaxResponseDrainSize (1 MiB), and a
/// chunked body counts its chunk framing toward that limit. 1022 KiB sits just under the limit as
/// Content-Length but above it once 4 KiB chunks add their framing; 204 has nothing to drain.
/// Method names and body shapes are published benchmark IDs: never rename them.
/// </summary>
public class FramingBenchmarks : RequestBenchmarks
{
    public static IEnumerable<BodyShape> Bodies =>
    [
        new(Framing.ContentLength, 1024),
        new(Framing.Chunked, 1024),
        new(Framing.ContentLength, 1022 * 1024),
        new(Framing.Chunked, 1022 * 1024),
        new(Framing.ContentLength, 2 * 1024 * 1024),
        new(Framing.Chunked, 2 * 1024 * 1024),
        new(Framing.Empty, 0),
    ];

    [ParamsSource(nameof(Bodies))]
    public BodyShape Body { get; set; } = new(Framing.ContentLength, 1024);

    [GlobalSetup(Target = nameof(Disposed_ReadToEnd))]
    public Task SetupDisposedReadToEnd() => Setup(dispose: true, Drain.Full);

    [GlobalSetup(Target = nameof(Disposed_Unread))]
    public Task SetupDisposedUnread() => Setup(dispose: true, Drain.None);

    [GlobalSetup(Target = nameof(Undisposed_Unread))]
    public Task SetupUndisposedUnread() => Setup(dispose: false, Drain.None);

    [Benchmark(Baseline = true, OperationsPerInvoke = RequestsPerInvoke)]
    public Task Disposed_ReadToEnd() => RunAsync();

    [Benchmark(OperationsPerInvoke = RequestsPerInvoke)]
    public Task Disposed_Unread() => RunAsync();

    [Benchmark(OperationsPerInvoke = RequestsPerInvoke)]
    public Task Undisposed_Unread() => RunAsync();

    private Task Setup(bool dispose, Drain drain) =>
        SetupAsync(target => RequestPattern.For(target, Body.Framing, Body.Bytes, HttpCompletionOption.ResponseHeadersRead, dispose, drain));
}
