using System.Globalization;

// The contract between the target and the study, compiled into both projects (server/ owns the file,
// bench/ links it): the ready line the target prints once it listens, and the JSON records of its
// control port's GET /stats. One definition, so the two sides cannot drift apart.
namespace LeakBench.Target;

/// <summary>The URLs a running target serves, as its ready line announces them.</summary>
/// <remarks><see cref="Https"/> is optional on parse: a ready line from before the HTTPS port still parses (as null).</remarks>
public sealed record TargetUrls(Uri Http1, Uri H2c, Uri Control, int Pid, Uri? Https = null)
{
    public const string ReadyPrefix = "LEAKBENCH_READY ";

    /// <summary>The environment variable through which a running target is handed to benchmark processes.</summary>
    public const string EnvironmentVariable = "LEAKBENCH_TARGET";

    /// <summary>The server of LeakBench's own target (the default; its ready line names no server).</summary>
    public const string Kestrel = "kestrel";

    /// <summary>Debian's nginx, started by the study (<c>--server nginx</c>): its control port serves stub_status, not the Kestrel target's records.</summary>
    public const string Nginx = "nginx";

    /// <summary>Which server serves the ports: <see cref="Kestrel"/> or <see cref="Nginx"/> (<c>server=</c> in the ready line, absent for Kestrel).</summary>
    public string Server { get; init; } = Kestrel;

    /// <summary>Parses <c>LEAKBENCH_READY http1=URL h2c=URL control=URL pid=N [https=URL]</c>; null when the line is not a ready line.</summary>
    public static TargetUrls? TryParseReadyLine(string? line)
    {
        if (line is null || !line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var fields = line[ReadyPrefix.Length..]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
        if (fields.TryGetValue("http1", out var http1) && Uri.TryCreate(http1, UriKind.Absolute, out var h1)
            && fields.TryGetValue("h2c", out var h2c) && Uri.TryCreate(h2c, UriKind.Absolute, out var h2)
            && fields.TryGetValue("control", out var control) && Uri.TryCreate(control, UriKind.Absolute, out var c)
            && fields.TryGetValue("pid", out var pidText) && int.TryParse(pidText, CultureInfo.InvariantCulture, out var pid))
        {
            Uri? https = fields.TryGetValue("https", out var httpsText) && Uri.TryCreate(httpsText, UriKind.Absolute, out var s) ? s : null;
            return new TargetUrls(h1, h2, c, pid, https) { Server = fields.TryGetValue("server", out var server) ? server : Kestrel };
        }

        return null;
    }

    /// <summary>The control port's path that serves the ready line, for a study on another machine (<c>--target</c>).</summary>
    public const string UrlsPath = "/urls";

    /// <summary>
    /// The same ports at <paramref name="host"/>: a target bound to 0.0.0.0 announces 0.0.0.0, and a study on another
    /// machine reaches it at the host its user named. Every URL of the record goes through here.
    /// </summary>
    public TargetUrls AtHost(string host) => this with
    {
        Http1 = AtHost(Http1, host),
        H2c = AtHost(H2c, host),
        Control = AtHost(Control, host),
        Https = Https is null ? null : AtHost(Https, host),
    };

    public string ToReadyLine() => string.Create(CultureInfo.InvariantCulture, $"{ReadyPrefix}http1={Trim(Http1)} h2c={Trim(H2c)} control={Trim(Control)} pid={Pid}")
        + (Https is null ? "" : " https=" + Trim(Https))
        + (Server == Kestrel ? "" : " server=" + Server);

    private static Uri AtHost(Uri u, string host) => new UriBuilder(u) { Host = host }.Uri;

    private static string Trim(Uri u) => u.ToString().TrimEnd('/');
}

/// <summary>One measured port's counts in <c>GET /stats</c> (Kestrel's own meter, plus requests served).</summary>
public sealed record PortStats(int Port, long ActiveConnections, long ConnectionsAccepted, long RequestsServed)
{
    /// <summary>TLS handshakes Kestrel completed on the port (<c>kestrel.tls_handshake.duration</c> measurements); 0 on plaintext ports.</summary>
    public long TlsHandshakes { get; init; }

    /// <summary>TLS handshakes that failed on the port (the measurements carrying <c>error.type</c>).</summary>
    public long FailedTlsHandshakes { get; init; }

    /// <summary>
    /// The completed handshakes' summed duration on the target (the <c>kestrel.tls_handshake.duration</c> values), in
    /// microseconds: a resumed handshake skips the certificate and its signature, so the mean shows how many resumed.
    /// </summary>
    public long TlsHandshakeMicroseconds { get; init; }

    /// <summary>Requests on this port still in flight (handler entered, not yet finished): over HTTP/2, the open streams.</summary>
    public long ActiveRequests { get; init; }

    /// <summary>The most requests in flight at once on this port since the last <c>POST /stats/reset</c>; null from a target that does not report it (nginx).</summary>
    public long? PeakActiveRequests { get; init; }

    /// <summary>
    /// Connections on this port that the control port aborted (left by an earlier case) and Kestrel still counts; they are
    /// not in <see cref="ActiveConnections"/>, so no census waits for them.
    /// </summary>
    public long AbortedStillOpen { get; init; }
}

/// <summary>The JSON body of <c>GET /stats</c> (camelCase on the wire). <see cref="Https"/> is null from a target without the HTTPS port.</summary>
public sealed record TargetStats(int Pid, PortStats Http1, PortStats H2c, PortStats? Https = null)
{
    /// <summary>
    /// ASP.NET Core's own count of in-flight requests on every port (meter <c>Microsoft.AspNetCore.Hosting</c>,
    /// instrument <c>http.server.active_requests</c>, which has no port tag), the <c>/stats</c> request itself
    /// excluded: the independent check of the ports' <see cref="PortStats.ActiveRequests"/>.
    /// </summary>
    public long ActiveRequests { get; init; }

    /// <summary>
    /// The target's managed heap now (<c>GC.GetTotalMemory(false)</c>: what it has allocated and not yet freed, its
    /// connections' pinned buffers included), in bytes; null from a target that does not report it.
    /// </summary>
    public long? GcHeapBytes { get; init; }

    /// <summary>The target's working set now (<c>Environment.WorkingSet</c>), in bytes; null from a target that does not report it.</summary>
    public long? WorkingSetBytes { get; init; }

    /// <summary>The counts of the measured port <paramref name="port"/>; throws when the target does not measure it.</summary>
    public PortStats ForPort(int port) =>
        new[] { Http1, H2c, Https }.FirstOrDefault(p => p is not null && p.Port == port)
        ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"the target's /stats has no port {port}"));
}

/// <summary>The HTTPS port's certificate as the control port serves it, for the client to pin.</summary>
public static class TargetTls
{
    /// <summary>GET on the control port: the certificate's SHA-256 thumbprint, upper-case hex, as text.</summary>
    public const string ThumbprintPath = "/tls/sha256";
}

/// <summary>Closing what an earlier case left on the target, from the control port.</summary>
public static class TargetConnections
{
    /// <summary>POST on the control port with <c>?port=N</c> (a measured port): aborts every connection the target serves there; answers how many, as text.</summary>
    public const string AbortPath = "/connections/abort";
}
