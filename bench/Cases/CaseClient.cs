using System.Net;
using System.Net.Security;

namespace LeakBench.Cases;

/// <summary>
/// The client side of a case: the handler its requests go through. The census (with its counting
/// connect callback) and the timed benchmark build their handlers here, so a case's handler settings
/// (pool limits, HTTP/2 connections, TLS, lifetimes) are written once. Clients that a lifetime makes
/// per request (see <see cref="CaseRequester"/>) are built here too, each with the same connect callback,
/// so the census counts every connection of every lifetime.
/// </summary>
public static class CaseClient
{
    /// <summary>The client timeout of a case that sets none: long enough for a 2 MiB body on a loaded machine.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The pool lifetime of <see cref="ClientLifetime.PooledLifetime1s"/>.</summary>
    public static readonly TimeSpan ShortPooledConnectionLifetime = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The request timeout of the classes that measure stalls (HTTP/2 stream slots, connection limits):
    /// a stalled request costs these 2 s instead of HttpClient's default 100 s. The report states it.
    /// </summary>
    public static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The client's initial HTTP/2 stream window (SocketsHttpHandler's default, left unchanged): a body larger
    /// than this is not all sent until the client reads it, so an unread one keeps its stream open.
    /// </summary>
    public const int Http2StreamWindowBytes = 65_535;

    /// <summary>A fresh handler for <paramref name="case"/>; <paramref name="connect"/> replaces the handler's own connect (the census counts with it).</summary>
    /// <param name="pin">The target's certificate; required when the case speaks TLS.</param>
    public static SocketsHttpHandler CreateHandler(StudyCase @case, Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? connect = null, CertificatePin? pin = null)
    {
        var handler = new SocketsHttpHandler();
        Configure(handler, @case, connect, pin);
        return handler;
    }

    /// <summary>Applies <paramref name="case"/>'s settings to a handler made elsewhere (IHttpClientFactory's primary handler).</summary>
    public static void Configure(SocketsHttpHandler handler, StudyCase @case, Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? connect = null, CertificatePin? pin = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(@case);

        // The defaults, spelled out because the study depends on them (the README's drain findings).
        handler.MaxResponseDrainSize = 1024 * 1024;
        handler.ResponseDrainTimeout = TimeSpan.FromSeconds(2);
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

        if (@case.Tls)
        {
            if (pin is null)
            {
                throw new InvalidOperationException("a TLS case needs the target's certificate pin (its SHA-256 thumbprint from the control port)");
            }

            // Validation is never switched off: the callback accepts exactly the pinned certificate.
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = pin.Validate,
                AllowTlsResume = @case.TlsResume,
            };
        }

        if (@case.Lifetime == ClientLifetime.PooledLifetime1s)
        {
            handler.PooledConnectionLifetime = ShortPooledConnectionLifetime;
        }
    }

    /// <summary>
    /// The host name TLS cases present (SNI): the target's certificate names it. The URL stays on 127.0.0.1; the name
    /// goes in the Host header, which SocketsHttpHandler uses as the TLS target host. Measured: to an IP address the
    /// .NET client on Linux never resumed a TLS session (the target's mean handshake took as long with resumption
    /// allowed as with it off, 2.4–3.7 ms), while to this name it resumed (1.9 ms against 2.9 ms with it off), as a
    /// client of a real service, which is called by name, does.
    /// </summary>
    public const string TlsHostName = "localhost";

    /// <summary>Applies the case's client settings (timeout, HTTP version, the TLS host name) to a client made elsewhere.</summary>
    public static void Configure(HttpClient client, StudyCase @case)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(@case);
        client.Timeout = @case.RequestTimeout ?? DefaultTimeout;
        if (@case.Tls)
        {
            client.DefaultRequestHeaders.Host = TlsHostName;
        }

        if (@case.Protocol == HttpProtocol.Http2)
        {
            // Exact: HTTP/2 by prior knowledge on h2c, by ALPN over TLS; never a silent fall back to HTTP/1.1.
            client.DefaultRequestVersion = HttpVersion.Version20;
            client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }
    }

    /// <summary>A client for <paramref name="case"/> on a fresh handler, which it disposes.</summary>
    public static HttpClient Create(StudyCase @case, Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? connect = null, CertificatePin? pin = null)
    {
        var client = new HttpClient(CreateHandler(@case, connect, pin), disposeHandler: true);
        Configure(client, @case);
        return client;
    }
}
