using System.Text;
using LeakBench.Reports;

namespace LeakBench.Seed;

/// <summary>
/// The seed rows as CSV (InvariantCulture, one row per test and body size, units in the header), written record by
/// record by the study's <see cref="StudyCsvWriter.AppendRecord"/>: RFC 4180 quoting and CRLF line ends, as report.csv.
/// </summary>
public static class SeedCsv
{
    /// <summary>The header, in column order.</summary>
    public static IReadOnlyList<string> Header { get; } =
    [
        "test", "closes_or_disposes", "reads_to_eof", "body_bytes",
        "go_version", "go_goroutines_count", "go_connections_established_count",
        "net_headersread_connections_established_count", "net_headersread_connections_established_after_gc_count", "net_headersread_threads_count", "net_headersread_gcs_before_count",
        "net_default_connections_established_count", "net_default_connections_established_after_gc_count", "net_default_threads_count", "net_default_gcs_before_count",
        "net_runtime",
    ];

    public static string Write(SeedResult result)
    {
        var text = new StringBuilder();
        StudyCsvWriter.AppendRecord(text, Header);
        foreach (var r in result.Rows)
        {
            string[] fields =
            [
                r.Test.Name,
                Bool(r.Test.Closes),
                Bool(r.Test.ReadsToEnd),
                ReportFormat.Count(r.BodyBytes),
                result.GoStatus,
                r.Go is null ? string.Empty : ReportFormat.Count(r.Go.Goroutines),
                r.Go is null ? string.Empty : ReportFormat.Count(r.Go.Connections),
                .. SeedTable.Counts(r.HeadersRead),
                ReportFormat.Count(r.HeadersRead.GcsBeforeCount),
                .. SeedTable.Counts(r.Default),
                ReportFormat.Count(r.Default.GcsBeforeCount),
                r.HeadersRead.Runtime,
            ];
            StudyCsvWriter.AppendRecord(text, fields);
        }

        return text.ToString();
    }

    private static string Bool(bool b) => b ? "true" : "false";
}
