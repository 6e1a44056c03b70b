using System.Text;
using LeakBench.Cases;

namespace LeakBench.Reports;

/// <summary>
/// The report's section on where the leak fails or hangs (issue 10): the cases that run under a limit
/// (an fd limit, a connection limit, HTTP/2's stream slots, a GC configuration), with the census's
/// failure and stall columns. Empty cells: the column does not apply to the case.
/// </summary>
public static class WhereItBreaksSection
{
    /// <summary>Whether <paramref name="row"/> belongs in the section.</summary>
    public static bool Applies(StudyRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var c = row.Census;
        return c.FailedAt is not null || c.StalledAt is not null || row.Case.FdLimit is not null || row.Case.MaxConnectionsPerServer is not null
            || row.Case.Protocol == HttpProtocol.Http2 || row.Case.GcConfig != GcConfig.Workstation;
    }

    public static void Write(StringBuilder md, IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(rows);
        var limited = rows.Where(Applies).ToList();
        if (limited.Count == 0)
        {
            return;
        }

        md.Append("## Where the leak fails or hangs\n\n");
        md.Append("A stall or a failure ends a census: it is the case's result, and the case is not timed, on purpose (timing it would hang or " +
                  "measure timeouts). HTTP/2 and connection-limit cases time out after " +
                  $"{ReportFormat.Count((long)CaseClient.StallTimeout.TotalSeconds)} s (not HttpClient's default 100 s). After a stall the census forces a full GC " +
                  "and sends one more request: \"GC frees it\" says whether it succeeded. Open streams: requests the target still had in flight when the " +
                  "census stopped sending; over HTTP/2, in brackets, the client's undisposed responses not yet collected by the GC (weak references), which can be more: an unread 1 KiB body ends its stream but its response is still held. Gen0 budget: bytes allocated per gen0 GC during the requests (the budget the run got), next to the GC requested.\n\n");
        md.Append("| Case | Runtime | Verdict | Failed at | Failure | Stalled at | Stall | GC frees it | Fd limit | Fds before | GC | Gen0 budget | Max conns | Callers | Open streams | Req/s | Timed |\n");
        md.Append("|---|---|---|---:|---|---:|---:|---|---:|---:|---|---:|---:|---:|---:|---:|---|\n");
        foreach (var row in limited)
        {
            var c = row.Census;
            var cells = new[]
            {
                $"{row.Benchmark}.{row.Method}: {row.Case.Label}",
                row.Runtime.Moniker,
                row.VerdictText,
                c.FailedAt is int f ? ReportFormat.Count(f) : "",
                c.Failure ?? "",
                c.StalledAt is int s ? ReportFormat.Count(s) : "",
                c.StallMs is double ms ? $"{ReportFormat.Count((long)Math.Round(ms))} ms" : "",
                c.GcFreesIt is bool freed ? (freed ? "yes" : "no") : "",
                c.FdLimit is int limit ? ReportFormat.Count(limit) : "",
                c.FdsBefore is int before ? ReportFormat.Count(before) : "",
                c.GcConfig is { } gc ? gc + (c.ServerGc == true ? " (server GC on)" : "") : "",
                c.Gen0Budget is long budget ? ReportFormat.Size(budget) : "no gen0 GC",
                c.MaxConnections is int max ? ReportFormat.Count(max) : "",
                ReportFormat.Count(c.Callers),
                c.OpenStreams is long open ? ReportFormat.Count(open) + (c.ClientOpenStreams is long client ? $" (client {ReportFormat.Count(client)})" : "") : "",
                ReportFormat.Count((long)Math.Round(c.RequestsPerSecond)),
                row.NotTimed is null ? "yes" : "not timed, on purpose",
            };
            md.Append("| ").AppendJoin(" | ", cells.Select(cell => cell.Replace("|", "\\|", StringComparison.Ordinal))).Append(" |\n");
        }

        md.Append('\n');
        foreach (var row in limited.Where(r => r.Verdict is Verdict.FailsAtRequest or Verdict.StallsGcFreesIt or Verdict.StallsGcDoesNotFreeIt))
        {
            md.Append("- ").Append(StudyFindings.Of(row)).Append('\n');
        }

        md.Append('\n');
    }
}
