using System.Text;
using LeakBench.Reports;

namespace LeakBench.Compare;

/// <summary>
/// The comparison as CSV (<c>compare --csv FILE</c>): one row per case of either run, the key's columns as report.csv
/// names them, then each run's figures (suffix _a, _b) and A over B. Same conventions as report.csv
/// (<see cref="StudyCsvWriter"/>): invariant round-trip numbers, RFC 4180, CRLF; an empty cell is "not measured".
/// </summary>
public static class ComparisonCsv
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "benchmark", "method", "runtime_moniker", .. CaseKey.DimensionColumns.Select(d => d.Column),
        "in_a", "in_b", "runtime_a", "runtime_b", "baseline_a", "baseline_b", "verdict_a", "verdict_b", "verdict_changed",
        "conn_per_1k_a", "conn_per_1k_b", "peak_open_sockets_a", "peak_open_sockets_b", "alloc_bytes_per_req_a", "alloc_bytes_per_req_b",
        "latency_ratio_a", "latency_ratio_lo_a", "latency_ratio_hi_a", "latency_ratio_b", "latency_ratio_lo_b", "latency_ratio_hi_b",
        "block_pairs_a", "block_pairs_b", "pairs_source_a", "pairs_source_b",
        "a_over_b_ratio", "a_over_b_lo", "a_over_b_hi", "a_over_b_verdict", "a_over_b_basis", "a_over_b_note", "margin", "changes",
    ];

    public static string Write(RunComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var csv = new StringBuilder();
        StudyCsvWriter.AppendRecord(csv, Columns);
        foreach (var c in comparison.Cases)
        {
            var (a, b) = (c.A, c.B);
            StudyCsvWriter.AppendRecord(csv,
            [
                c.Key.Benchmark, c.Key.Method, c.Key.RuntimeMoniker, .. c.Key.Dimensions.Select(d => d.Value),
                Bool(a is not null), Bool(b is not null), a?.RuntimeName ?? "", b?.RuntimeName ?? "",
                a is null ? "" : Bool(a.IsBaseline), b is null ? "" : Bool(b.IsBaseline),
                a?.VerdictText ?? "", b?.VerdictText ?? "", a is null || b is null ? "" : Bool(c.VerdictChanged),
                Raw(a?.ConnectionsPer1k), Raw(b?.ConnectionsPer1k), Raw(a?.PeakOpenSockets), Raw(b?.PeakOpenSockets),
                Raw(a?.AllocatedBytesPerRequest), Raw(b?.AllocatedBytesPerRequest),
                Raw(a?.LatencyRatio?.Ratio), Raw(a?.LatencyRatio?.Lower), Raw(a?.LatencyRatio?.Upper),
                Raw(b?.LatencyRatio?.Ratio), Raw(b?.LatencyRatio?.Lower), Raw(b?.LatencyRatio?.Upper),
                a is null ? "" : ReportFormat.Count(a.PairLogRatios.Count), b is null ? "" : ReportFormat.Count(b.PairLogRatios.Count),
                a?.PairsSource ?? "", b?.PairsSource ?? "",
                Raw(c.Ratio?.Ratio), Raw(c.Ratio?.Lower), Raw(c.Ratio?.Upper),
                c.RatioVerdict is { } v ? Statistics.RatioVerdict.Words(v) : "", c.RatioBasis ?? "", c.RatioNote ?? "",
                ReportFormat.Raw(comparison.Margin), string.Join("; ", c.Changes(comparison.Margin)),
            ]);
        }

        return csv.ToString();
    }

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Raw(double? value) => value is { } v ? ReportFormat.Raw(v) : "";
}
