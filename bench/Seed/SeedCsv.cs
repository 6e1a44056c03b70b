using System.Globalization;
using System.Text;
using LeakBench.Reports;

namespace LeakBench.Seed;

/// <summary>The seed rows as CSV (InvariantCulture, one row per test and body size, units in the header).</summary>
public static class SeedCsv
{
    public const string Header =
        "test,closes_or_disposes,reads_to_eof,body_bytes," +
        "go_version,go_goroutines_count,go_connections_established_count," +
        "net_headersread_connections_established_count,net_headersread_connections_established_after_gc_count,net_headersread_threads_count,net_headersread_gcs_before_count," +
        "net_default_connections_established_count,net_default_connections_established_after_gc_count,net_default_threads_count,net_default_gcs_before_count," +
        "net_runtime";

    public static string Write(SeedResult result)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var r in result.Rows)
        {
            string[] fields =
            [
                r.Test.Name,
                Bool(r.Test.Closes),
                Bool(r.Test.ReadsToEnd),
                Number(r.BodyBytes),
                StudyCsvWriter.Field(result.GoStatus),
                r.Go is null ? string.Empty : Number(r.Go.Goroutines),
                r.Go is null ? string.Empty : Number(r.Go.Connections),
                Number(r.HeadersRead.ConnectionsBeforeGc),
                Number(r.HeadersRead.ConnectionsAfterGc),
                Number(r.HeadersRead.Threads),
                Number(r.HeadersRead.GcsBeforeCount),
                Number(r.Default.ConnectionsBeforeGc),
                Number(r.Default.ConnectionsAfterGc),
                Number(r.Default.Threads),
                Number(r.Default.GcsBeforeCount),
                StudyCsvWriter.Field(r.HeadersRead.Runtime),
            ];
            text.AppendJoin(',', fields).Append('\n');
        }

        return text.ToString();
    }

    private static string Bool(bool b) => b ? "true" : "false";

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
