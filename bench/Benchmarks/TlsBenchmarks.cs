using BenchmarkDotNet.Attributes;
using LeakBench.Cases;

namespace LeakBench.Benchmarks;

/// <summary>
/// The leak over TLS, on the target's HTTPS port (HTTP/1.1 or HTTP/2 by ALPN, the certificate pinned by
/// its thumbprint): every connection a leak opens costs a TLS handshake on top of the TCP connect.
/// Streamed (ResponseHeadersRead), body 1 KiB and 2 MiB. One extra method turns TLS resumption off
/// (<c>AllowTlsResume = false</c>, .NET 8+): the worst case, every handshake full.
/// Method and parameter names are published benchmark IDs: never rename them.
/// </summary>
public class TlsBenchmarks : RequestBenchmarks
{
    [Params(1024, 2 * 1024 * 1024)]
    public int BodyBytes { get; set; }

    /// <summary>HTTPS/1.1 or HTTP/2 over TLS.</summary>
    [Params(HttpProtocol.Http11, HttpProtocol.Http2)]
    public HttpProtocol Protocol { get; set; }

    [Benchmark(Baseline = true, OperationsPerInvoke = RequestsPerInvoke), Case(disposed: true, Drain.Full)]
    public Task Disposed_ReadToEnd() => RunAsync();

    [Benchmark(OperationsPerInvoke = RequestsPerInvoke), Case(disposed: true, Drain.None)]
    public Task Disposed_Unread() => RunAsync();

    [Benchmark(OperationsPerInvoke = RequestsPerInvoke), Case(disposed: false, Drain.Full)]
    public Task Undisposed_ReadToEnd() => RunAsync();

    [Benchmark(OperationsPerInvoke = RequestsPerInvoke), Case(disposed: false, Drain.None)]
    public Task Undisposed_Unread() => RunAsync();

    [Benchmark(OperationsPerInvoke = RequestsPerInvoke), Case(disposed: false, Drain.None, TlsResume = false)]
    public Task Undisposed_Unread_NoTlsResume() => RunAsync();

    protected internal override StudyCase Describe(StudyCase method) => method with
    {
        BodyBytes = BodyBytes,
        Protocol = Protocol,
        Tls = true,
        // Over HTTP/2 the undisposed, unread 2 MiB cases hold every stream slot and request 101 waits, as over h2c:
        // the same short timeout as Http2Benchmarks, so a stall costs 2 s and the census records it (issue 10's stall handling).
        RequestTimeout = Protocol == HttpProtocol.Http2 ? CaseClient.StallTimeout : null,
    };

    /// <summary>
    /// A quarter of the study's census, at least 250 (as Http2Benchmarks): every leaking request here costs a TLS
    /// handshake, and 2 MiB bodies over TLS are slow on 2 cores; 250 still passes the 100 stream slots of HTTP/2.
    /// </summary>
    protected internal override int CensusRequestsFor(int studyRequests) => Math.Max(250, studyRequests / 4);
}
