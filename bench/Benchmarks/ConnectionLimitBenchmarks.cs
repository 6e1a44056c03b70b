using BenchmarkDotNet.Attributes;
using LeakBench.Cases;

namespace LeakBench.Benchmarks;

/// <summary>
/// HTTP/1.1 with <c>MaxConnectionsPerServer = 10</c> (a common production setting), from 1 caller and
/// from 16 concurrent callers sharing one client. Leaked responses take every connection, and the next
/// request waits until the timeout (<see cref="CaseClient.StallTimeout"/>, 2 s, as in
/// <see cref="Http2Benchmarks"/>); such a case is not timed, on purpose. The cases that don't stall
/// report connections opened, peak open and requests per second at 16 callers.
/// Method and parameter names are published benchmark IDs: never rename them.
/// </summary>
public class ConnectionLimitBenchmarks : RequestBenchmarks
{
    /// <summary>The handler's MaxConnectionsPerServer in every case of this class.</summary>
    public const int MaxConnections = 10;

    [Params(1, 16)]
    public int Callers { get; set; }

    [Benchmark(Baseline = true, OperationsPerInvoke = RequestsPerInvoke), Case(disposed: true, Drain.Full)]
    public Task Disposed_ReadToEnd_1KiB() => RunAsync();

    [Benchmark(OperationsPerInvoke = RequestsPerInvoke), Case(disposed: false, Drain.None)]
    public Task Undisposed_Unread_1KiB() => RunAsync();

    /// <summary>Above the 1 MiB drain limit: disposing closes the connection instead of draining it.</summary>
    [Benchmark(OperationsPerInvoke = RequestsPerInvoke), Case(disposed: true, Drain.None)]
    public Task Disposed_Unread_2MiB() => RunAsync();

    protected internal override StudyCase Describe(StudyCase method) => method with
    {
        BodyBytes = method is { Disposed: true, Drain: Drain.None } ? 2 * 1024 * 1024 : 1024,
        MaxConnectionsPerServer = MaxConnections,
        Callers = Callers,
        RequestTimeout = CaseClient.StallTimeout,
    };

    /// <summary>A quarter of the study's census, at least 250: a leak stalls at request 11; the rest measure throughput.</summary>
    protected internal override int CensusRequestsFor(int studyRequests) => Math.Max(250, studyRequests / 4);
}
