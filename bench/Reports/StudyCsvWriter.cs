using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace LeakBench.Reports;

/// <summary>
/// Writes report.csv: one row per case and runtime, one column per measure, units in the header, numbers in the
/// invariant culture (round-trip format), RFC 4180 quoting, CRLF line ends, records written by CsvHelper. Empty cells mean "not measured".
/// </summary>
public static class StudyCsvWriter
{
    /// <summary>The header, in column order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "benchmark", "method", "runtime", "runtime_moniker",
        "disposed", "drain", "completion", "body_bytes", "framing", "protocol", "baseline",
        "verdict",
        "requests", "succeeded", "stopped_at",
        "connections_opened", "conn_per_1k", "peak_open_sockets", "leaked_established", "after_gc_established",
        "time_wait", "close_wait", "time_wait_per_1k", "close_wait_per_1k",
        "server_active_connections", "threads", "census_gen0_collections", "census_gen1_collections", "census_gen2_collections",
        "mean_ns", "error_over_mean", "median_ns", "p95_ns", "p99_ns",
        "alloc_bytes_per_req", "gen0_per_1k_req", "gen1_per_1k_req", "gen2_per_1k_req",
        "alloc_ratio", "latency_ratio", "latency_ratio_lo", "latency_ratio_hi", "p95_ratio", "p95_ratio_lo", "p95_ratio_hi",
        "latency_margin", "latency_verdict", "latency_pairs", "latency_seconds", "latency_note",
        "disagreements",
        // Where the leak fails or hangs (issue 10): empty where they don't apply.
        "failed_at", "failure", "stalled_at", "stall_ms", "gc_frees_it", "fd_limit", "fds_before", "gc_config", "server_gc",
        "gen0_budget", "max_connections", "callers", "open_streams", "requests_per_second", "not_timed",
        // Added with the TLS and Lifetime classes (issue 11): appended, so existing columns keep their places.
        "tls", "tls_resume", "lifetime", "tls_handshakes", "server_tls_handshakes", "handshakes_per_1k",
        // The client's side of open_streams (HTTP/2 cases) and the target's mean TLS handshake (TLS cases); empty elsewhere.
        "client_open_streams", "server_tls_handshake_mean_us",
        // The HTTP/2 connection setting, without which two Http2Benchmarks rows read alike.
        "multiple_http2_connections",
        // Where the row's raw data is (issue 20): its case label, BenchmarkDotNet's job and its census file, for verify.
        "case", "job", "census_file",
        // What the open connections hold (issue 21): kernel queues at the end of the requests (empty: n/a), managed bytes
        // the forced GC kept for finalization, the target's memory, and the model's peak from the baseline's gen0 budget.
        "client_queued_bytes", "server_queued_bytes", "queued_open_sockets", "queued_bytes_per_open_conn",
        "gc_promoted_bytes", "finalizable_objects", "gc_closed_connections", "promoted_bytes_per_leaked",
        "target_gc_heap_bytes_before", "target_gc_heap_bytes", "target_working_set_bytes_before", "target_working_set_bytes",
        "model_gen0_budget_bytes", "predicted_peak",
        // What dotnet-counters shows of the census's handler (System.Net.Http meter, issue 23); empty where not recorded.
        "open_connections_active_peak", "open_connections_idle_peak", "connection_duration_count", "connection_duration_p50_ms",
        "connection_duration_p95_ms", "time_in_queue_count", "time_in_queue_p95_ms", "time_in_queue_max_ms",
        // The pairing's stop (issue 19): what ended it, the half-width asked and reached (fractions), its callers per side and
        // the most timed requests in flight at once, on the client and on the target (its own count, both sides together).
        "latency_stopped_by", "latency_precision_target", "latency_half_width", "paired_callers", "paired_client_peak_inflight", "paired_target_peak_inflight",
        // Allocations and collections per request over all the census's requests (issue 19; the alloc_/gen*_per_1k_req
        // columns above are BenchmarkDotNet's, from its iterations), and their ratios to the group's baseline.
        "census_alloc_bytes_per_req", "census_gen0_per_1k", "census_gen1_per_1k", "census_gen2_per_1k", "census_alloc_ratio", "census_gen0_ratio",
        // The cross-runtime pairing (issue 22): this runtime's median latency over the reference runtime's, from process pairs
        // alive together, bounds over the process pairs (runtime_pairs.csv has the blocks), the verdict with the run's margin.
        .. RuntimePairing.RuntimePairColumns.Names,
    ];

    /// <param name="rows">Every row of the run.</param>
    /// <param name="margin">The run's practical margin (<see cref="StudyEnvironment.LatencyMargin"/>), written in every row's latency_margin; 5% when the run passed no --margin.</param>
    public static string Write(IReadOnlyList<StudyRow> rows, double margin = Statistics.PracticalMargin.Default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var csv = new StringBuilder();
        AppendRecord(csv, Columns);
        foreach (var row in rows)
        {
            var c = row.Census;
            AppendRecord(csv,
            [
                row.Benchmark, row.Method, row.Runtime.Name, row.Runtime.Moniker,
                Bool(row.Case.Disposed), row.Case.Drain.ToString(), row.Case.Completion.ToString(),
                ReportFormat.Count(row.Case.BodyBytes), row.Case.Framing.ToString(), Protocol(row.Case.Protocol), Bool(row.IsBaseline),
                row.VerdictText,
                ReportFormat.Count(c.Requests), ReportFormat.Count(c.Succeeded), c.StoppedAt is { } s ? ReportFormat.Count(s) : "",
                ReportFormat.Count(c.ConnectionsOpened), ReportFormat.Raw(c.ConnectionsPer1k), ReportFormat.Count(c.PeakOpen),
                ReportFormat.Count(c.Leaked), ReportFormat.Count(c.AfterGc),
                ReportFormat.Count(c.TimeWait), ReportFormat.Count(c.CloseWait), ReportFormat.Raw(c.TimeWaitPer1k), ReportFormat.Raw(c.CloseWaitPer1k),
                ReportFormat.Count(c.ServerActive), ReportFormat.Count(c.Threads),
                ReportFormat.Count(c.Gen0), ReportFormat.Count(c.Gen1), ReportFormat.Count(c.Gen2),
                // An untimed row has no BenchmarkDotNet mean or median: empty, not the census's figures.
                row.NotTimed is null ? ReportFormat.Raw(row.MeanNs) : "", row.NotTimed is null ? Optional(row.ErrorOverMean) : "", row.NotTimed is null ? ReportFormat.Raw(row.MedianNs) : "",
                ReportFormat.Raw(row.P95Ns), ReportFormat.Raw(row.P99Ns),
                Optional(row.AllocatedBytesPerRequest), Optional(row.Gen0Per1k), Optional(row.Gen1Per1k), Optional(row.Gen2Per1k),
                Optional(row.AllocationRatio),
                Optional(c.Latency?.Median?.Ratio), Optional(c.Latency?.Median?.Lower), Optional(c.Latency?.Median?.Upper),
                Optional(c.Latency?.P95?.Ratio), Optional(c.Latency?.P95?.Lower), Optional(c.Latency?.P95?.Upper),
                ReportFormat.Raw(margin),
                AaCheck.VerdictOf(row) is { } verdict ? Statistics.RatioVerdict.Words(verdict) : "",
                c.Latency is { } l ? ReportFormat.Count(l.Pairs) : "", Optional(c.Latency?.Seconds), c.Latency?.Failure ?? "",
                string.Join("; ", c.Disagreements),
                Optional(c.FailedAt), c.Failure ?? "", Optional(c.StalledAt), Optional(c.StallMs), c.GcFreesIt is bool freed ? Bool(freed) : "",
                Optional(c.FdLimit), Optional(c.FdsBefore), c.GcConfig ?? "", c.ServerGc is bool server ? Bool(server) : "",
                Optional(c.Gen0Budget), Optional(c.MaxConnections), ReportFormat.Count(c.Callers), Optional(c.OpenStreams),
                ReportFormat.Raw(c.RequestsPerSecond), row.NotTimed ?? "",
                Bool(row.Case.Tls), Bool(row.Case.TlsResume), Cases.StudyCase.LifetimeLabel(row.Case.Lifetime),
                ReportFormat.Count(c.TlsHandshakes), ReportFormat.Count(c.ServerTlsHandshakes), ReportFormat.Raw(c.HandshakesPer1k),
                Optional(c.ClientOpenStreams), Optional(c.ServerTlsHandshakeMeanUs),
                row.Case.Protocol == Cases.HttpProtocol.Http2 ? Bool(row.Case.MultipleHttp2Connections) : "",
                row.Case.Label, row.Job ?? "", row.CensusFile ?? "",
                Optional(c.ClientQueuedBytes), Optional(c.ServerQueuedBytes), Optional(c.QueuedOpenSockets), Optional(c.QueuedBytesPerOpenConnection),
                Optional(c.GcPromotedBytes), Optional(c.FinalizableObjects), Optional(c.ClosedByGc), Optional(c.PromotedBytesPerLeaked),
                Optional(c.TargetGcHeapBytesBefore), Optional(c.TargetGcHeapBytes), Optional(c.TargetWorkingSetBytesBefore), Optional(c.TargetWorkingSetBytes),
                LeakModel.Applies(row) ? Optional(LeakModel.BaselineBudget(row, rows)) : "", Optional(LeakModel.PredictedPeak(row, rows)),
                Optional(c.OpenConnectionsActivePeak), Optional(c.OpenConnectionsIdlePeak), Optional(c.ConnectionDurationCount),
                Optional(c.ConnectionDurationP50Ms), Optional(c.ConnectionDurationP95Ms),
                Optional(c.TimeInQueueCount), Optional(c.TimeInQueueP95Ms), Optional(c.TimeInQueueMaxMs),
                c.Latency?.StoppedBy ?? "", Optional(c.Latency?.PrecisionTarget), Optional(c.Latency?.HalfWidth),
                c.Latency is { } paired ? ReportFormat.Count(paired.Callers) : "", Optional(c.Latency?.PeakInFlight), Optional(c.Latency?.TargetPeakInFlight),
                Optional(c.AllocatedBytesPerRequest), ReportFormat.Raw(c.Gen0Per1k), ReportFormat.Raw(c.Gen1Per1k), ReportFormat.Raw(c.Gen2Per1k),
                Optional(CensusAllocations.Ratio(row, rows)), Optional(CensusAllocations.Gen0Ratio(row, rows)),
                .. RuntimePairing.RuntimePairColumns.Of(row.RuntimePair, margin),
            ]);
        }

        return csv.ToString();
    }

    /// <summary>RFC 4180's line end, for every CSV LeakBench writes (report.csv and seed.csv).</summary>
    public const string LineEnd = "\r\n";

    // CsvHelper's defaults would also quote a field with a leading or trailing space; the study's files quote only the
    // fields RFC 4180 needs quoted (a comma, a quote or a line break), so published files keep their bytes.
    private static readonly CsvConfiguration Format = new(CultureInfo.InvariantCulture)
    {
        NewLine = LineEnd,
        ShouldQuote = args => args.Field.AsSpan().IndexOfAny(",\"\r\n") >= 0,
    };

    /// <summary>One record, written by CsvHelper: RFC 4180 quoting where a field needs it, then <see cref="LineEnd"/>.</summary>
    public static void AppendRecord(StringBuilder csv, IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(fields);
        using var writer = new CsvWriter(new StringWriter(csv, CultureInfo.InvariantCulture), Format);
        foreach (var field in fields)
        {
            writer.WriteField(field);
        }

        writer.NextRecord();
    }

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Protocol(Cases.HttpProtocol protocol) => protocol == Cases.HttpProtocol.Http2 ? "HTTP/2" : "HTTP/1.1";

    private static string Optional(double? value) => value is { } v ? ReportFormat.Raw(v) : "";

    private static string Optional(long? value) => value is { } v ? ReportFormat.Count(v) : "";
}
