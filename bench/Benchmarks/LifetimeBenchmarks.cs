using BenchmarkDotNet.Attributes;
using LeakBench.Cases;
using LeakBench.Census;

namespace LeakBench.Benchmarks;

/// <summary>
/// The client lifetimes people actually use, over HTTP/1.1 with 1 KiB streamed bodies: one shared
/// client (the baseline), a new HttpClient per request (disposed or not), IHttpClientFactory (a real
/// ServiceCollection), and a shared SocketsHttpHandler with PooledConnectionLifetime = 1 s; each with
/// the recommended response handling and with the leak (undisposed, unread).
/// Method and parameter names are published benchmark IDs: never rename them.
/// </summary>
public class LifetimeBenchmarks : RequestBenchmarks
{
    [Params(ClientLifetime.Shared, ClientLifetime.PerRequestDisposed, ClientLifetime.PerRequestUndisposed, ClientLifetime.Factory, ClientLifetime.PooledLifetime1s)]
    public ClientLifetime Lifetime { get; set; }

    [Benchmark(Baseline = true, OperationsPerInvoke = RequestsPerInvoke), Case(disposed: true, Drain.Full)]
    public Task Disposed_ReadToEnd() => RunAsync();

    [Benchmark(OperationsPerInvoke = RequestsPerInvoke), Case(disposed: false, Drain.None)]
    public Task Undisposed_Unread() => RunAsync();

    protected internal override StudyCase Describe(StudyCase method) => method with { Lifetime = Lifetime };

    /// <summary>
    /// A quarter of the study's census, at least 250: a client per request builds a handler (and a connection) per
    /// request, and the findings are per 1,000 requests (connections, TIME_WAIT), which 250 requests already show.
    /// </summary>
    protected internal override int CensusRequestsFor(int studyRequests) => Math.Max(250, studyRequests / 4);

    /// <summary>
    /// The 1 s pool lifetime only shows when the census outlasts it: back to back, 250 requests take a fraction of a
    /// second and the pool never rotates. That case's census is spread over <see cref="PooledLifetimeSpan"/> (three
    /// lifetimes) by a pause between requests; the pause is not in any request's latency.
    /// </summary>
    protected internal override CensusSettings CensusSettingsFor(StudyCase study, CensusSettings settings) =>
        study.Lifetime == ClientLifetime.PooledLifetime1s
            ? settings with { PauseBetweenRequests = PooledLifetimeSpan / settings.Requests }
            : settings;

    /// <summary>How long the census of the 1 s pool lifetime lasts at least: three lifetimes.</summary>
    public static readonly TimeSpan PooledLifetimeSpan = CaseClient.ShortPooledConnectionLifetime * 3;
}
