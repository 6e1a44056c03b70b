namespace LeakBench.Census;

/// <summary>
/// The socket census of one case: N requests of one pattern on a fresh handler, counted from a
/// baseline taken just before. Every count is exact, and every socket count is taken from two
/// sources (in-process telemetry and the OS table); <see cref="Disagreements"/> lists where they differ.
/// </summary>
public sealed partial record CensusResult
{
    /// <summary>Requests the census set out to send.</summary>
    public required int Requests { get; init; }

    /// <summary>Requests that completed with the expected status (and byte count, for full reads).</summary>
    public required int Succeeded { get; init; }

    /// <summary>Set when the census stopped early to stay within the socket cap; the request count it stopped at.</summary>
    public int? StoppedAt { get; init; }

    /// <summary>TCP connections the handler opened during the census (counting ConnectCallback).</summary>
    public required int ConnectionsOpened { get; init; }

    /// <summary>Connections opened per 1,000 successful requests.</summary>
    public double ConnectionsPer1k => Succeeded == 0 ? 0 : ConnectionsOpened * 1000.0 / Succeeded;

    /// <summary>Most client sockets open at once during the requests.</summary>
    public required int PeakOpen { get; init; }

    /// <summary>Client sockets still ESTABLISHED after the requests and a 1 s settle.</summary>
    public required int Leaked { get; init; }

    /// <summary>Client sockets still ESTABLISHED after a forced full GC with pending finalizers run.</summary>
    public required int AfterGc { get; init; }

    /// <summary>Client sockets in TIME_WAIT at the end of the census.</summary>
    public required int TimeWait { get; init; }

    /// <summary>Client sockets in CLOSE_WAIT at the end of the census.</summary>
    public required int CloseWait { get; init; }

    public double TimeWaitPer1k => Succeeded == 0 ? 0 : TimeWait * 1000.0 / Succeeded;

    public double CloseWaitPer1k => Succeeded == 0 ? 0 : CloseWait * 1000.0 / Succeeded;

    /// <summary>Kestrel's active connections on the measured port at the end (from the target's /stats).</summary>
    public required long ServerActive { get; init; }

    /// <summary>Thread count of the client process at the end (the goroutine analogue).</summary>
    public required int Threads { get; init; }

    /// <summary>GC collections per generation that happened during the requests.</summary>
    public required int Gen0 { get; init; }

    public required int Gen1 { get; init; }

    public required int Gen2 { get; init; }

    /// <summary>Requests between two trajectory samples.</summary>
    public required int TrajectoryStep { get; init; }

    /// <summary>Open client sockets (OS table) after every <see cref="TrajectoryStep"/> requests.</summary>
    public required IReadOnlyList<int> Trajectory { get; init; }

    /// <summary>The GCs during the requests, in request order; empty in a census file written before they were recorded.</summary>
    public IReadOnlyList<GcEvent> GcEvents { get; init; } = [];

    /// <summary>Per-request latency in microseconds over the census requests, each request timed on its own.</summary>
    public double LatencyMeanUs { get; init; }

    public double LatencyP50Us { get; init; }

    public double LatencyP95Us { get; init; }

    public double LatencyP99Us { get; init; }

    public double LatencyMaxUs { get; init; }

    /// <summary>TLS handshakes the client completed (System.Net.Security events; full and resumed alike); 0 for plaintext cases.</summary>
    public int TlsHandshakes { get; init; }

    /// <summary>TLS handshakes the target completed on the case's port (Kestrel's <c>kestrel.tls_handshake.duration</c>).</summary>
    public long ServerTlsHandshakes { get; init; }

    /// <summary>The target's mean TLS handshake duration in microseconds (its <c>kestrel.tls_handshake.duration</c>); null without handshakes.</summary>
    public double? ServerTlsHandshakeMeanUs { get; init; }

    /// <summary>Times a handshake asked the client's certificate pin to validate the target's certificate.</summary>
    public int CertificateValidations { get; init; }

    /// <summary>TLS handshakes the client began that failed.</summary>
    public int FailedTlsHandshakes { get; init; }

    /// <summary>Client TLS handshakes per 1,000 successful requests.</summary>
    public double HandshakesPer1k => Succeeded == 0 ? 0 : TlsHandshakes * 1000.0 / Succeeded;

    /// <summary>The request (1-based) that failed, when one did; the census stopped there. Null: none failed.</summary>
    public int? FailedAt { get; init; }

    /// <summary>What the failed request threw: the innermost exception's type and the OS error text, e.g. "SocketException: Too many open files".</summary>
    public string? Failure { get; init; }

    /// <summary>The request (1-based) that waited until the request timeout, when one did; the census stopped there.</summary>
    public int? StalledAt { get; init; }

    /// <summary>How long the stalled request waited before it was cancelled, in milliseconds.</summary>
    public double? StallMs { get; init; }

    /// <summary>Where the stalled request waited: "before the response headers", or in the response body after how many bytes.</summary>
    public string? StallWhere { get; init; }

    /// <summary>
    /// A request of BenchmarkDotNet's timed part that waited until the request timeout after the census and the pairing
    /// had passed without one (issue 32): a result, recorded by the benchmark process; the case is then not timed, on purpose.
    /// </summary>
    public TimedStall? TimedStall { get; init; }

    /// <summary>After a stall: whether one more request succeeded after a forced full GC (the GC freed the held slots). Null: no stall.</summary>
    public bool? GcFreesIt { get; init; }

    /// <summary>The soft RLIMIT_NOFILE the census ran its requests under; null when it left the limit alone.</summary>
    public int? FdLimit { get; init; }

    /// <summary>File descriptors the process already held when the census lowered its limit.</summary>
    public int? FdsBefore { get; init; }

    /// <summary>The GC configuration the host requested for this process (e.g. "server", "gen0size=0x10000000").</summary>
    public string? GcConfig { get; init; }

    /// <summary>Whether the process actually ran server GC (what the runtime reports, next to what was requested).</summary>
    public bool? ServerGc { get; init; }

    /// <summary>Bytes allocated during the census requests (whole process).</summary>
    public long? AllocatedBytes { get; init; }

    /// <summary>The gen0 budget the run actually got: bytes allocated per gen0 GC during the requests. Null when no gen0 GC came.</summary>
    public long? Gen0Budget { get; init; }

    /// <summary>The handler's MaxConnectionsPerServer; null when unlimited.</summary>
    public int? MaxConnections { get; init; }

    /// <summary>Callers sending at once through the shared client.</summary>
    public int Callers { get; init; } = 1;

    /// <summary>
    /// Requests the target still had in flight on the measured port (its <c>/stats</c>) when the census stopped
    /// sending (at a stall, or after the last request): over HTTP/2, the streams the leak holds open. Null when not read.
    /// </summary>
    public long? OpenStreams { get; init; }

    /// <summary>
    /// The client's side of <see cref="OpenStreams"/> (HTTP/2 cases): its undisposed responses that the GC has not yet
    /// collected (<see cref="HeldResponses"/>), read right after the target's count. It exceeds the target's where a
    /// response ended its stream but is still held (an unread 1 KiB body). Null where not counted.
    /// </summary>
    public long? ClientOpenStreams { get; init; }

    /// <summary>Successful requests per second over the census requests (all callers together).</summary>
    public double RequestsPerSecond { get; init; }

    /// <summary>The case's latency against its group's baseline, timed side by side after the census (the A/A check for the baseline); null when the class has no baseline.</summary>
    public Pairing.PairedLatency? Latency { get; init; }

    /// <summary>Where telemetry and the OS table disagreed beyond what GC timing explains; empty when they agree.</summary>
    public IReadOnlyList<string> Disagreements { get; init; } = [];
}
