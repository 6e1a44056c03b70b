using System.Globalization;
using System.Text.Json.Serialization;
using LeakBench.Reports;

namespace LeakBench.Cases;

/// <summary>
/// What the code of one case does: the dimensions of the study's matrix, as plain data. A benchmark
/// method declares its part with <see cref="CaseAttribute"/>, its class adds its parameters' part
/// (<see cref="Benchmarks.RequestBenchmarks.Describe"/>); the benchmark process, the census and the
/// report all read this record. Two rows with equal cases (and equal benchmark and method) measured
/// the same thing, on the same or on different runtimes. A new dimension is one property here, with
/// a default that leaves every existing case as it was.
/// </summary>
public sealed record StudyCase
{
    /// <summary>Whether the <see cref="HttpResponseMessage"/> is disposed (<c>using</c>).</summary>
    public required bool Disposed { get; init; }

    /// <summary>How much of the body is read.</summary>
    public required Drain Drain { get; init; }

    /// <summary>When <c>SendAsync</c> returns: after the whole body is buffered, or after the headers (streamed: the default).</summary>
    public HttpCompletionOption Completion { get; init; } = HttpCompletionOption.ResponseHeadersRead;

    /// <summary>Body size the target sends, in bytes (0 for <see cref="Framing.Empty"/>).</summary>
    public long BodyBytes { get; init; } = 1024;

    public Framing Framing { get; init; } = Framing.ContentLength;

    public HttpProtocol Protocol { get; init; } = HttpProtocol.Http11;

    /// <summary>Whether the case speaks TLS (the target's HTTPS port; the protocol is chosen by ALPN).</summary>
    public bool Tls { get; init; }

    /// <summary>Whether the client may resume TLS sessions (<c>SslClientAuthenticationOptions.AllowTlsResume</c>); only meaningful with <see cref="Tls"/>.</summary>
    public bool TlsResume { get; init; } = true;

    /// <summary>How long the client lives: one shared client unless the case is about client lifetimes.</summary>
    public ClientLifetime Lifetime { get; init; } = ClientLifetime.Shared;

    /// <summary>The handler's <c>MaxConnectionsPerServer</c>; null leaves it unlimited (the default).</summary>
    public int? MaxConnectionsPerServer { get; init; }

    /// <summary>Callers sending at once through the one shared client (1: one request at a time).</summary>
    public int Callers { get; init; } = 1;

    /// <summary>The handler's <c>EnableMultipleHttp2Connections</c> (HTTP/2 only; false is the default).</summary>
    public bool MultipleHttp2Connections { get; init; }

    /// <summary>The client's <c>HttpClient.Timeout</c>; null means <see cref="CaseClient.DefaultTimeout"/>.</summary>
    public TimeSpan? RequestTimeout { get; init; }

    /// <summary>The GC configuration the host gives the benchmark process (through its environment).</summary>
    public GcConfig GcConfig { get; init; } = GcConfig.Workstation;

    /// <summary>The soft RLIMIT_NOFILE the census lowers its own process to while it sends; null leaves it alone.</summary>
    public int? FdLimit { get; init; }

    /// <summary>
    /// Whether the leak of this case takes every slot of a slot-limited client, so that a request sooner or later
    /// waits until the timeout: the response is streamed, undisposed and not read to the end, and the client has
    /// few slots: one HTTP/2 connection (100 streams) with a body above the stream window, or a
    /// <see cref="MaxConnectionsPerServer"/> limit. Whether it stalls in a given run depends on when a GC comes
    /// (a GC frees the slots), so this is decided from the case, not from a run.
    /// </summary>
    [JsonIgnore]
    public bool LeakHoldsEverySlot =>
        !Disposed && Drain != Drain.Full && Completion == HttpCompletionOption.ResponseHeadersRead && Framing != Framing.Empty && BodyBytes > 0
        && (MaxConnectionsPerServer is not null
            || (Protocol == HttpProtocol.Http2 && !MultipleHttp2Connections && BodyBytes > CaseClient.Http2StreamWindowBytes));

    /// <summary>A short label for tables and chart legends, e.g. "undisposed · unread · HeadersRead · 1 KiB".</summary>
    [JsonIgnore]
    public string Label
    {
        get
        {
            var parts = new List<string>
            {
                Disposed ? "disposed" : "undisposed",
                Drain switch
                {
                    Drain.None => "unread",
                    Drain.Partial4KiB => "first 4 KiB",
                    Drain.Full => "read to end",
                    _ => Drain.ToString(),
                },
                Completion == HttpCompletionOption.ResponseHeadersRead ? "HeadersRead" : "ContentRead",
                Framing == Framing.Empty ? "204 empty" : ReportFormat.Size(BodyBytes),
            };
            if (Framing == Framing.Chunked)
            {
                parts.Add("chunked");
            }

            if (Protocol == HttpProtocol.Http2)
            {
                parts.Add(MultipleHttp2Connections ? "h2 multi-conn" : "h2");
            }

            if (MaxConnectionsPerServer is int max)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"max {max} conns"));
            }

            if (Callers > 1)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{Callers} callers"));
            }

            if (GcConfig != GcConfig.Workstation)
            {
                parts.Add(GcConfig switch
                {
                    GcConfig.Server => "server GC",
                    GcConfig.ServerNoDatas => "server GC, DATAS off",
                    GcConfig.MidGen0 => "mid gen0",
                    GcConfig.SmallGen0 => "small gen0",
                    _ => "large gen0",
                });
            }

            if (FdLimit is int fds)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"fd limit {fds}"));
            }

            if (Tls)
            {
                parts.Add(TlsResume ? "TLS" : "TLS, no resume");
            }

            if (Lifetime != ClientLifetime.Shared)
            {
                parts.Add(LifetimeLabel(Lifetime));
            }

            return string.Join(" · ", parts);
        }
    }

    /// <summary>
    /// The case as the subject of a finding, e.g. "Undisposed, unread ResponseHeadersRead responses of 1 KiB".
    /// </summary>
    [JsonIgnore]
    public string Subject
    {
        get
        {
            var read = Drain switch
            {
                Drain.None => "unread",
                Drain.Partial4KiB => "partly read (first 4 KiB)",
                Drain.Full => "fully read",
                _ => Drain.ToString(),
            };
            var what = Framing switch
            {
                Framing.Empty => $"empty (204) {Completion} responses",
                Framing.Chunked => $"chunked {Completion} responses of {ReportFormat.Size(BodyBytes)}",
                _ => $"{Completion} responses of {ReportFormat.Size(BodyBytes)}",
            };
            var over = (Protocol, Tls) switch
            {
                (HttpProtocol.Http2, true) => " over HTTP/2 with TLS",
                (HttpProtocol.Http2, false) => " over HTTP/2",
                (_, true) => " over HTTPS/1.1",
                _ => "",
            };
            if (Tls && !TlsResume)
            {
                over += " (TLS resumption off)";
            }

            var client = Lifetime == ClientLifetime.Shared ? "" : $" ({LifetimeLabel(Lifetime)})";
            return $"{(Disposed ? "Disposed" : "Undisposed")}, {read} {what}{over}{client}";
        }
    }

    /// <summary>How a client lifetime reads in tables, the CSV's <c>lifetime</c> column and findings (published: keep stable).</summary>
    public static string LifetimeLabel(ClientLifetime lifetime) => lifetime switch
    {
        ClientLifetime.Shared => "shared client",
        ClientLifetime.PerRequestDisposed => "new client per request, disposed",
        ClientLifetime.PerRequestUndisposed => "new client per request, not disposed",
        ClientLifetime.Factory => "IHttpClientFactory",
        ClientLifetime.PooledLifetime1s => "PooledConnectionLifetime 1 s",
        _ => lifetime.ToString(),
    };
}
