using System.Globalization;
using System.Text;

namespace LeakBench.Reports;

/// <summary>
/// The report's "How to spot it in production" (issue 23): per case, what the <c>System.Net.Http</c> meter showed of
/// the census's handler (the values <c>dotnet-counters</c> shows of a running service), and per verdict the range of
/// those values, so that a reader can match a service's counters to a verdict. Written only when the rows carry the
/// meter's values (census files from before issue 23 do not).
/// </summary>
public static class ProductionSignatureSection
{
    /// <summary>The command a reader runs against their service (the meter is published by .NET 8 and later).</summary>
    public const string Command = "dotnet-counters monitor --process-id <PID> --counters System.Net.Http";

    public static void Write(StringBuilder md, IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(rows);
        var metered = rows.Where(r => r.Census.OpenConnectionsActivePeak is not null).ToList();
        if (metered.Count == 0)
        {
            return;
        }

        md.Append("## How to spot it in production\n\n");
        md.Append($"A running service (.NET 8 or later) shows the same meter as this study: `{Command}` " +
                  "(the tool: `dotnet tool install --global dotnet-counters`). During each case's census the study listened to that meter in-process, for the " +
                  "case's handler alone: the peak of `http.client.open_connections` by state (active: serving a request or held by an undisposed response; " +
                  "idle: pooled, ready for reuse), `http.client.connection.duration` of the connections that closed (recorded when a connection closes; the " +
                  "census closes its handler at its end, so a reused connection is counted too), and `http.client.request.time_in_queue`, how long a request " +
                  "waited for a connection (recorded only for the requests that had to wait, e.g. while a new connection opened: \"Requests that waited\"). " +
                  "Durations and waits are nearest-rank percentiles over the census.\n\n");
        md.Append("| Case | Runtime | Verdict | Active peak | Idle peak | Connections closed | Duration P50 | Duration P95 | Requests that waited | Wait P95 | Wait max |\n");
        md.Append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var row in metered)
        {
            var c = row.Census;
            var cells = new[]
            {
                $"{row.Benchmark}.{row.Method}: {row.Case.Label}",
                row.Runtime.Moniker,
                row.VerdictText,
                Count(c.OpenConnectionsActivePeak),
                Count(c.OpenConnectionsIdlePeak),
                Count(c.ConnectionDurationCount),
                Ms(c.ConnectionDurationP50Ms),
                Ms(c.ConnectionDurationP95Ms),
                Count(c.TimeInQueueCount),
                Ms(c.TimeInQueueP95Ms),
                Ms(c.TimeInQueueMaxMs),
            };
            md.Append("| ").AppendJoin(" | ", cells.Select(cell => cell.Replace("|", "\\|", StringComparison.Ordinal))).Append(" |\n");
        }

        md.Append('\n');
        md.Append("What each verdict looked like in these metrics:\n\n");
        foreach (var sentence in Signatures(metered))
        {
            md.Append("- ").Append(sentence).Append('\n');
        }

        md.Append('\n');
    }

    /// <summary>Per verdict (in the order of the enum), the range of each metric over the cases with that verdict.</summary>
    public static IReadOnlyList<string> Signatures(IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return [.. rows.Where(r => r.Census.OpenConnectionsActivePeak is not null).GroupBy(r => r.Verdict).OrderBy(g => g.Key).Select(g =>
        {
            var census = g.Select(r => r.Census).ToList();
            var parts = new List<string>
            {
                $"active connections peaked at {Range(census.Select(c => (double?)c.OpenConnectionsActivePeak), Count)}",
                $"idle at {Range(census.Select(c => (double?)c.OpenConnectionsIdlePeak), Count)}",
            };
            parts.Add(census.Any(c => c.ConnectionDurationP50Ms is not null)
                ? $"connections lived {Range(census.Select(c => c.ConnectionDurationP50Ms), Ms)} (median per case)"
                : "no connection closed during the census");
            parts.Add(census.Any(c => c.TimeInQueueMaxMs is not null)
                ? $"the longest wait for a connection was {Range(census.Select(c => c.TimeInQueueMaxMs), Ms)}"
                : "no request waited for a connection");
            var cases = g.Count() == 1 ? "1 case" : $"{ReportFormat.Count(g.Count())} cases";
            return $"**{g.Key.Text()}** ({cases}): {string.Join("; ", parts)}.";
        })];
    }

    // "a" when every case had the same value, else "a–b"; cases without a value are left out.
    private static string Range(IEnumerable<double?> values, Func<double?, string> format)
    {
        var present = values.OfType<double>().ToList();
        if (present.Count == 0)
        {
            return "n/a";
        }

        var (low, high) = (format(present.Min()), format(present.Max()));
        return low == high ? low : $"{low}–{high}";
    }

    private static string Count(double? value) => value is { } v ? ReportFormat.Count((long)v) : "";

    private static string Count(long? value) => value is { } v ? ReportFormat.Count(v) : "";

    private static string Count(int? value) => value is { } v ? ReportFormat.Count(v) : "";

    // Milliseconds: two decimals below 10 ms (a queue wait of microseconds still shows), whole above.
    private static string Ms(double? value) => value is not { } v ? "" : v.ToString(v < 10 ? "0.##" : "0", CultureInfo.InvariantCulture) + " ms";
}
