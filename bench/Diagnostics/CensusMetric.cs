using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using LeakBench.Census;

namespace LeakBench.Diagnostics;

/// <summary>
/// The census figures as BenchmarkDotNet metrics: each becomes a column in the console table and in
/// every exporter (GitHub markdown, CSV, JSON). Always shown, zero included: zero is an answer here.
/// </summary>
public sealed class CensusMetric(string id, string displayName, string legend, string numberFormat, int priority, Func<CensusResult, double> value) : IMetricDescriptor
{
    public string Id { get; } = id;
    public string DisplayName { get; } = displayName;
    public string Legend { get; } = legend;
    public string NumberFormat { get; } = numberFormat;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Unit => "Count";
    public bool TheGreaterTheBetter => false;
    // Offset past MemoryDiagnoser's priorities so the census columns follow Allocated instead of interleaving with Gen0/1/2.
    public int PriorityInCategory { get; } = priority;

    public bool GetIsAvailable(Metric metric) => true;

    public double ValueOf(CensusResult census) => value(census);

    /// <summary>The census columns, in the order they appear. Their ids are published: never rename one.</summary>
    public static readonly IReadOnlyList<CensusMetric> All =
    [
        new("LeakBench.CensusRequests", "CensusN", "Census: requests that succeeded (fewer than asked when the socket cap stopped the census)", "0", 100, c => c.Succeeded),
        new("LeakBench.ConnPer1k", "Conn/1k", "Census: TCP connections opened per 1,000 requests", "0.#", 101, c => c.ConnectionsPer1k),
        new("LeakBench.PeakOpen", "PeakOpen", "Census: most client sockets open at once", "0", 102, c => c.PeakOpen),
        new("LeakBench.Leaked", "Leaked", "Census: client sockets still ESTABLISHED after the requests and a 1 s settle", "0", 103, c => c.Leaked),
        new("LeakBench.AfterGC", "AfterGC", "Census: client sockets still ESTABLISHED after a forced full GC with finalizers", "0", 104, c => c.AfterGc),
        new("LeakBench.TimeWaitPer1k", "TimeWait/1k", "Census: client sockets in TIME_WAIT per 1,000 requests", "0.#", 105, c => c.TimeWaitPer1k),
        new("LeakBench.CloseWaitPer1k", "CloseWait/1k", "Census: client sockets in CLOSE_WAIT per 1,000 requests", "0.#", 106, c => c.CloseWaitPer1k),
        new("LeakBench.SrvConns", "SrvConns", "Census: the target's (Kestrel's) active connections at the end", "0", 107, c => c.ServerActive),
        new("LeakBench.Threads", "Threads", "Census: threads of the client process at the end (the goroutine analogue)", "0", 108, c => c.Threads),
        new("LeakBench.CensusGen0", "CGen0", "Census: gen0 collections during the census requests", "0", 109, c => c.Gen0),
        new("LeakBench.CensusGen1", "CGen1", "Census: gen1 collections during the census requests", "0", 110, c => c.Gen1),
        new("LeakBench.CensusGen2", "CGen2", "Census: gen2 collections during the census requests", "0", 111, c => c.Gen2),
        new("LeakBench.ReqP50", "ReqP50[us]", "Census: median latency of a single request, in microseconds (each request timed on its own)", "0.0", 113, c => c.LatencyP50Us),
        new("LeakBench.ReqP95", "ReqP95[us]", "Census: 95th percentile latency of a single request, in microseconds", "0.0", 114, c => c.LatencyP95Us),
        new("LeakBench.ReqP99", "ReqP99[us]", "Census: 99th percentile latency of a single request, in microseconds", "0.0", 115, c => c.LatencyP99Us),
        new("LeakBench.HandshakesPer1k", "Handshakes/1k", "Census: client TLS handshakes (System.Net.Security events; full and resumed alike) per 1,000 requests; 0 for plaintext cases", "0.#", 116, c => c.HandshakesPer1k),
        new("LeakBench.Disagreements", "Disagree", "Census: counts where telemetry and the OS table disagreed (0 = every count confirmed by both)", "0", 112, c => c.Disagreements.Count),
    ];

    /// <summary>
    /// The census columns of where the leak fails or hangs (issue 10). Each applies to some cases only: a case
    /// gets a value only where it applies, and BenchmarkDotNet shows "-" for the others (empty, not zero).
    /// Their ids are published: never rename one. (Failure and GcConfig are text: they are in report.csv and
    /// report.md; the summary shows FdsBefore, the budget and ServerGC as numbers.)
    /// </summary>
    public static readonly IReadOnlyList<(CensusMetric Metric, Func<CensusResult, double?> Value)> WhereItBreaks =
    [
        Optional("LeakBench.FailedAt", "FailedAt", "Census: the request that failed with an OS error (the census stopped there)", 116, c => c.FailedAt),
        Optional("LeakBench.StalledAt", "StalledAt", "Census: the request that waited until the request timeout (the census stopped there)", 117, c => c.StalledAt),
        Optional("LeakBench.StallMs", "StallMs", "Census: how long the stalled request waited, in milliseconds", 118, c => c.StallMs),
        Optional("LeakBench.GcFreesIt", "GcFreesIt", "Census: after a stall, 1 when the next request succeeded after a forced full GC, 0 when it did not", 119, c => c.GcFreesIt is bool b ? (b ? 1 : 0) : null),
        Optional("LeakBench.FdLimit", "FdLimit", "Census: the soft RLIMIT_NOFILE the census ran under", 120, c => c.FdLimit),
        Optional("LeakBench.FdsBefore", "FdsBefore", "Census: file descriptors the process held when the limit was lowered", 121, c => c.FdsBefore),
        Optional("LeakBench.Gen0Budget", "Gen0Budget", "Census: bytes allocated per gen0 GC during the requests (the budget the run got)", 122, c => c.FdLimit is not null || c.GcConfig is not (null or "workstation") ? c.Gen0Budget : null),
        Optional("LeakBench.MaxConnections", "MaxConns", "Census: the handler's MaxConnectionsPerServer", 123, c => c.MaxConnections),
        Optional("LeakBench.Callers", "Callers", "Census: callers sending at once through the shared client", 124, c => c.Callers > 1 || c.MaxConnections is not null ? c.Callers : null),
        Optional("LeakBench.OpenStreams", "OpenStreams", "Census: requests the target still had in flight when the census stopped sending (HTTP/2: open streams)", 125, c => c.OpenStreams),
        Optional("LeakBench.ReqPerSec", "Req/s", "Census: successful requests per second (all callers together)", 126, c => c.Callers > 1 ? c.RequestsPerSecond : null),
    ];

    private static (CensusMetric, Func<CensusResult, double?>) Optional(string id, string displayName, string legend, int priority, Func<CensusResult, double?> value) =>
        (new CensusMetric(id, displayName, legend, "0", priority, c => value(c) ?? 0), value);

    /// <summary>A census as the metrics BenchmarkDotNet reports.</summary>
    public static IEnumerable<Metric> From(CensusResult census) =>
        All.Select(d => new Metric(d, d.ValueOf(census)))
            .Concat(WhereItBreaks.Where(m => m.Value(census) is not null).Select(m => new Metric(m.Metric, m.Value(census)!.Value)));
}
