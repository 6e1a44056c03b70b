namespace LeakBench.Census;

/// <summary>
/// The socket census of one case: N requests of one pattern on a fresh handler, counted from a
/// baseline taken just before. Every count is exact, and every socket count is taken from two
/// sources (in-process telemetry and the OS table); <see cref="Disagreements"/> lists where they differ.
/// </summary>
public sealed record CensusResult
{
    /// <summary>Requests the census set out to send.</summary>
    public required int Requests { get; init; }

    /// <summary>Requests that completed with the expected status (and byte count, for full reads).</summary>
    public required int Succeeded { get; init; }

    /// <summary>Set when the census stopped early to stay within the socket cap; the request count it stopped at.</summary>
    public int? StoppedAt { get; init; }

    /// <summary>Set when a request did not complete within the census's request timeout: the request number that stalled (the census stopped there).</summary>
    public int? StalledAt { get; init; }

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

    /// <summary>Times a handshake asked the client's certificate pin to validate the target's certificate.</summary>
    public int CertificateValidations { get; init; }

    /// <summary>TLS handshakes the client began that failed.</summary>
    public int FailedTlsHandshakes { get; init; }

    /// <summary>Client TLS handshakes per 1,000 successful requests.</summary>
    public double HandshakesPer1k => Succeeded == 0 ? 0 : TlsHandshakes * 1000.0 / Succeeded;

    /// <summary>The case's latency against its group's baseline, timed side by side after the census (the A/A check for the baseline); null when the class has no baseline.</summary>
    public Pairing.PairedLatency? Latency { get; init; }

    /// <summary>Where telemetry and the OS table disagreed beyond what GC timing explains; empty when they agree.</summary>
    public IReadOnlyList<string> Disagreements { get; init; } = [];
}
