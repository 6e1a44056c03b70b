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

    [Benchmark(Baseline = true, OperationsPerInvoke = RequestsPerInvoke), Case(disposed: true, Drain.Full)]
    public Task Disposed_ReadToEnd() => RunAsync();

    [Benchmark(OperationsPerInvoke = RequestsPerInvoke), Case(disposed: true, Drain.None)]
    public Task Disposed_Unread() => RunAsync();

    [Benchmark(OperationsPerInvoke = RequestsPerInvoke), Case(disposed: false, Drain.None)]
    public Task Undisposed_Unread() => RunAsync();

    // Streamed, as every class but DisposeDrain is (StudyCase's default completion option).
    protected internal override StudyCase Describe(StudyCase method) => method with { BodyBytes = Body.Bytes, Framing = Body.Framing };
}
