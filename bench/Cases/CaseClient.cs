using LeakBench.Target;

namespace LeakBench.Cases;

/// <summary>
/// The client side of a case: the handler its requests go through. The census (with its counting
/// connect callback) and the timed benchmark build their handlers here, so a case's handler settings
/// (pool limits, HTTP/2 connections, TLS, lifetimes) are written once.
/// </summary>
public static class CaseClient
{
    /// <summary>The client timeout of a case that sets none: long enough for a 2 MiB body on a loaded machine.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The request timeout of the classes that measure stalls (HTTP/2 stream slots, connection limits):
    /// a stalled request costs these 2 s instead of HttpClient's default 100 s. The report states it.
    /// </summary>
    public static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The port of the target that <paramref name="case"/> talks to: h2c for HTTP/2, else HTTP/1.1.</summary>
    public static Uri BaseUri(TargetUrls target, StudyCase @case)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(@case);
        return @case.Protocol == HttpProtocol.Http2 ? target.H2c : target.Http1;
    }

    /// <summary>A fresh handler for <paramref name="case"/>; <paramref name="connect"/> replaces the handler's own connect (the census counts with it).</summary>
    public static SocketsHttpHandler CreateHandler(StudyCase @case, Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? connect = null)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var handler = new SocketsHttpHandler
        {
            // The defaults, spelled out because the study depends on them (the README's drain findings).
            MaxResponseDrainSize = 1024 * 1024,
            ResponseDrainTimeout = TimeSpan.FromSeconds(2),
        };
        if (@case.MaxConnectionsPerServer is int max)
        {
            handler.MaxConnectionsPerServer = max;
        }

        // Only meaningful for HTTP/2; false is the handler's default.
        handler.EnableMultipleHttp2Connections = @case.MultipleHttp2Connections;
        if (connect is not null)
        {
            handler.ConnectCallback = connect;
        }

        return handler;
    }

    /// <summary>A shared client for <paramref name="case"/> on a fresh handler, which it disposes.</summary>
    /// <remarks>HTTP/2 is h2c with prior knowledge: version 2.0, exactly (no upgrade, no fallback to 1.1).</remarks>
    public static HttpClient Create(StudyCase @case, Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? connect = null)
    {
        var client = new HttpClient(CreateHandler(@case, connect), disposeHandler: true) { Timeout = @case.RequestTimeout ?? DefaultTimeout };
        if (@case.Protocol == HttpProtocol.Http2)
        {
            client.DefaultRequestVersion = System.Net.HttpVersion.Version20;
            client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }

        return client;
    }
}
