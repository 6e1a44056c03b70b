using System.Text;
using LeakBench.Cases;

namespace LeakBench.Reports;

/// <summary>
/// Writes report.md: a pure function of the environment, the rows, the chart paths and the seed section.
/// Numbers are formatted by <see cref="ReportFormat"/> (invariant culture); lines end with '\n'.
/// </summary>
public static class StudyReportWriter
{
    /// <param name="environment">The environment block.</param>
    /// <param name="rows">Every measured case on every runtime, in the order the run produced them.</param>
    /// <param name="charts">Charts to link, by path relative to the report.</param>
    /// <param name="seedMarkdown">The seed section (the Go and .NET table and its paragraph), embedded verbatim; null when the seed did not run.</param>
    /// <param name="baselineRuntime">Moniker of the runtime that the runtime comparison divides by; null for the first runtime in the rows.</param>
    /// <exception cref="ArgumentException">No rows, a row without a successful request, or two rows for the same case and runtime.</exception>
    public static string Write(
        StudyEnvironment environment,
        IReadOnlyList<StudyRow> rows,
        IReadOnlyList<ChartFile> charts,
        string? seedMarkdown = null,
        string? baselineRuntime = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(charts);
        Validate(rows);

        var md = new StringBuilder();
        var runtimes = RuntimeComparison.RuntimesOf(rows);
        Line(md, "# LeakBench study report");
        Line(md);
        Line(md, Summary(rows, runtimes));
        Line(md);
        WriteEnvironment(md, environment);
        WriteDisagreements(md, rows);
        WriteMatrix(md, rows, runtimes);
        WriteAllCases(md, rows);
        WriteCharts(md, charts);
        if (!string.IsNullOrWhiteSpace(seedMarkdown))
        {
            Line(md, "## Go and .NET side by side");
            Line(md);
            Line(md, Nested(seedMarkdown.Replace("\r\n", "\n", StringComparison.Ordinal).Trim()));
            Line(md);
        }

        if (RuntimeComparison.Of(rows, baselineRuntime) is { } comparison)
        {
            WriteRuntimeComparison(md, rows, comparison);
        }

        return md.ToString().TrimEnd('\n') + "\n";
    }

    private static void Validate(IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("no rows: a run that measured no case has no report", nameof(rows));
        }

        foreach (var row in rows)
        {
            if (row.Census.Succeeded <= 0)
            {
                throw new ArgumentException($"{row.Benchmark}.{row.Method} ({row.Case.Label}, {row.Runtime.Moniker}) has no successful request: an error, not a row", nameof(rows));
            }
        }

        var duplicate = rows.GroupBy(r => (r.CaseKey, r.Runtime.Moniker)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            var row = duplicate.First();
            throw new ArgumentException($"two rows for {row.Benchmark}.{row.Method} ({row.Case.Label}) on {row.Runtime.Moniker}", nameof(rows));
        }
    }

    private static string Summary(IReadOnlyList<StudyRow> rows, IReadOnlyList<StudyRuntime> runtimes)
    {
        var cases = rows.Select(r => r.CaseKey).Distinct().Count();
        var verdicts = rows.GroupBy(r => r.Verdict).OrderBy(g => g.Key)
            .Select(g => $"{ReportFormat.Count(g.Count())} {g.Key.Text()}");
        var disagreeing = rows.Count(r => r.Census.Disagreements.Count > 0);
        var agreement = disagreeing == 0
            ? "Telemetry and the OS socket table agreed in every case."
            : $"**Telemetry and the OS socket table disagreed in {ReportFormat.Count(disagreeing)} {(disagreeing == 1 ? "row" : "rows")}: see below.**";
        return $"{ReportFormat.Count(cases)} {(cases == 1 ? "case" : "cases")} on {string.Join(", ", runtimes.Select(r => r.Name))}; " +
               $"verdicts: {string.Join(", ", verdicts)}. {agreement}";
    }

    private static void WriteEnvironment(StringBuilder md, StudyEnvironment env)
    {
        Line(md, "## Environment");
        Line(md);
        Line(md, "| | |");
        Line(md, "|---|---|");
        Line(md, $"| BenchmarkDotNet | {Cell(env.BenchmarkDotNet)} |");
        Line(md, $"| OS | {Cell(env.Os)} |");
        Line(md, $"| CPU | {Cell(env.Cpu)} |");
        Line(md, $"| Cores | {Cell(env.Cores)} |");
        Line(md, $"| {(env.Runtimes.Count == 1 ? "Runtime" : "Runtimes")} | {Cell(string.Join("; ", env.Runtimes))} |");
        Line(md, $"| SDK | {Cell(env.Sdk)} |");
        Line(md, $"| Job | {Cell(env.Job)} |");
        if (env.Target is not null)
        {
            Line(md, $"| Target | {Cell(env.Target)} |");
        }

        if (env.SocketTable is not null)
        {
            Line(md, $"| Socket table | {Cell(env.SocketTable)} |");
        }

        Line(md, $"| Date | {Cell(env.Date)} |");
        Line(md, $"| Command | `{Cell(env.CommandLine.Replace("`", "'", StringComparison.Ordinal))}` |");
        Line(md);
    }

    private static void WriteDisagreements(StringBuilder md, IReadOnlyList<StudyRow> rows)
    {
        var disagreeing = rows.Where(r => r.Census.Disagreements.Count > 0).ToList();
        if (disagreeing.Count == 0)
        {
            return;
        }

        Line(md, "## Census disagreements");
        Line(md);
        Line(md, "> [!WARNING]");
        Line(md, $"> Telemetry and the OS socket table disagreed in {ReportFormat.Count(disagreeing.Count)} {(disagreeing.Count == 1 ? "row" : "rows")}. " +
                 "The socket counts of those rows are suspect until the disagreement is explained.");
        Line(md);
        foreach (var row in disagreeing)
        {
            foreach (var text in row.Census.Disagreements)
            {
                Line(md, $"- **{row.Benchmark}.{row.Method}: {row.Case.Label} ({row.Runtime.Moniker})**: {Inline(text)}");
            }
        }

        Line(md);
    }

    private static void WriteMatrix(StringBuilder md, IReadOnlyList<StudyRow> rows, IReadOnlyList<StudyRuntime> runtimes)
    {
        Line(md, "## Dispose × drain");
        Line(md);
        Line(md, "Rows: what the code does with the response. Columns: the body size the target sends. Each cell: the verdict; " +
                 "connections opened per 1,000 requests · client sockets left ESTABLISHED after the requests → after a full GC; " +
                 "P95 latency per request · bytes allocated per request.");
        Line(md);
        var runtimeOrder = Order(runtimes.Select(r => r.Moniker));
        var benchmarkOrder = Order(rows.Select(r => r.Benchmark));
        // One table per benchmark class and completion option (and framing, protocol, runtime): its rows are what
        // the code does (the benchmark methods), its columns the body sizes.
        var groups = rows
            .GroupBy(r => (r.Runtime.Moniker, r.Benchmark, r.Case.Protocol, r.Case.Framing, r.Case.Completion, r.Case.Lifetime, r.Case.TlsResume))
            .OrderBy(g => runtimeOrder[g.Key.Moniker])
            .ThenBy(g => benchmarkOrder[g.Key.Benchmark])
            .ThenBy(g => g.Key.Protocol)
            .ThenBy(g => g.Key.Framing)
            .ThenBy(g => g.Key.Completion);
        foreach (var group in groups)
        {
            var first = group.First();
            var title = $"{group.Key.Benchmark} · {group.Key.Completion}";
            if (group.Key.Framing != Framing.ContentLength)
            {
                title += group.Key.Framing == Framing.Empty ? " · empty (204)" : " · chunked";
            }

            if (group.Key.Protocol == HttpProtocol.Http2)
            {
                title += " · HTTP/2";
            }

            if (first.Case.Tls)
            {
                title += group.Key.TlsResume ? " · TLS" : " · TLS, resumption off";
            }

            if (group.Key.Lifetime != ClientLifetime.Shared)
            {
                title += $" · {StudyCase.LifetimeLabel(group.Key.Lifetime)}";
            }

            if (runtimes.Count > 1)
            {
                title += $" · {first.Runtime.Name}";
            }

            var bodies = group.Select(r => r.Case.BodyBytes).Distinct().Order().ToList();
            // The recommended pattern (disposed, read to the end) first, as in the benchmark classes.
            var patterns = group.Select(r => (r.Case.Disposed, r.Case.Drain)).Distinct()
                .OrderByDescending(p => p.Disposed).ThenByDescending(p => p.Drain).ToList();
            Line(md, $"### {title}");
            Line(md);
            Line(md, "| Disposed | Read | " + string.Join(" | ", bodies.Select(ReportFormat.Size)) + " |");
            Line(md, "|---|---|" + string.Concat(bodies.Select(_ => "---|")));
            var ordered = new List<StudyRow>();
            foreach (var (disposed, drain) in patterns)
            {
                var cells = bodies.Select(body =>
                {
                    var row = group.FirstOrDefault(r => r.Case.Disposed == disposed && r.Case.Drain == drain && r.Case.BodyBytes == body);
                    if (row is null)
                    {
                        return "—";
                    }

                    ordered.Add(row);
                    return MatrixCell(row);
                });
                Line(md, $"| {(disposed ? "yes (`using`)" : "no")} | {ReadText(drain)} | {string.Join(" | ", cells)} |");
            }

            Line(md);
            foreach (var row in ordered)
            {
                Line(md, $"- {StudyFindings.Of(row)}");
            }

            Line(md);
        }
    }

    private static string MatrixCell(StudyRow row)
    {
        var c = row.Census;
        var verdict = $"**{row.Verdict.Text()}**" + (row.IsBaseline ? " (baseline)" : "");
        var alloc = row.AllocatedBytesPerRequest is { } a ? $"{ReportFormat.Bytes(a)}/req" : "alloc n/a";
        return $"{verdict}<br>{ReportFormat.Per1k(c.ConnectionsPer1k)} conn/1k · open {ReportFormat.Count(c.Leaked)} → {ReportFormat.Count(c.AfterGc)} after GC<br>" +
               $"P95 {ReportFormat.Latency(row.P95Ns)} · {alloc}";
    }

    private static void WriteAllCases(StringBuilder md, IReadOnlyList<StudyRow> rows)
    {
        Line(md, "## All cases");
        Line(md);
        Line(md, "Latency and allocation per request from BenchmarkDotNet; sockets from LeakBench's census " +
                 "(ESTABLISHED after the requests, then after a full GC; TIME_WAIT and CLOSE_WAIT per 1,000 requests at the end).");
        Line(md);
        Line(md, "| Benchmark | Case | Runtime | Verdict | Succeeded | Conn/1k | Peak open | Leaked | After GC | TIME_WAIT/1k | CLOSE_WAIT/1k | " +
                 "Server active | Threads | Mean | P50 | P95 | P99 | Alloc/req | Gen0/1k | Gen1/1k | Gen2/1k |");
        Line(md, "|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            var c = row.Census;
            var succeeded = $"{ReportFormat.Count(c.Succeeded)}/{ReportFormat.Count(c.Requests)}" + (c.StoppedAt is null ? "" : " (stopped)");
            Line(md, "| " + string.Join(" | ",
                $"{row.Benchmark}.{row.Method}",
                row.Case.Label + (row.IsBaseline ? " (baseline)" : ""),
                row.Runtime.Moniker,
                row.Verdict.Text(),
                succeeded,
                ReportFormat.Per1k(c.ConnectionsPer1k),
                ReportFormat.Count(c.PeakOpen),
                ReportFormat.Count(c.Leaked),
                ReportFormat.Count(c.AfterGc),
                ReportFormat.Per1k(c.TimeWaitPer1k),
                ReportFormat.Per1k(c.CloseWaitPer1k),
                ReportFormat.Count(c.ServerActive),
                ReportFormat.Count(c.Threads),
                ReportFormat.Latency(row.MeanNs),
                ReportFormat.Latency(row.MedianNs),
                ReportFormat.Latency(row.P95Ns),
                ReportFormat.Latency(row.P99Ns),
                row.AllocatedBytesPerRequest is { } a ? ReportFormat.Bytes(a) : "n/a",
                Optional(row.Gen0Per1k),
                Optional(row.Gen1Per1k),
                Optional(row.Gen2Per1k)) + " |");
        }

        Line(md);
        var severalRuntimes = rows.Select(r => r.Runtime.Moniker).Distinct(StringComparer.Ordinal).Count() > 1;
        foreach (var group in rows.GroupBy(r => (r.Runtime.Moniker, r.Benchmark, r.Method)))
        {
            if (StudyFindings.Costs(group.ToList(), severalRuntimes) is { } costs)
            {
                Line(md, $"- {costs}");
            }
        }

        foreach (var row in rows)
        {
            if (StudyFindings.TlsAgainstPlaintext(row, rows) is { } tls)
            {
                Line(md, $"- {tls}");
            }
        }

        Line(md, $"- {StudyFindings.Threads(rows)}");
        Line(md);
    }

    private static void WriteCharts(StringBuilder md, IReadOnlyList<ChartFile> charts)
    {
        if (charts.Count == 0)
        {
            return;
        }

        Line(md, "## Charts");
        Line(md);
        Line(md, "Leak trajectories plot open client sockets (OS table) against requests sent, one line per case " +
                 "(with markers: undisposed responses): a leak climbs, a reused connection stays flat.");
        Line(md);
        foreach (var chart in charts)
        {
            Line(md, $"### {chart.Title}");
            Line(md);
            Line(md, $"![{chart.Title}]({chart.Png})");
            Line(md);
            Line(md, $"[SVG]({chart.Svg})");
            Line(md);
        }
    }

    private static void WriteRuntimeComparison(StringBuilder md, IReadOnlyList<StudyRow> rows, RuntimeComparison comparison)
    {
        Line(md, "## Runtimes compared");
        Line(md);
        Line(md, $"Baseline runtime: {comparison.Baseline.Name} ({comparison.Baseline.Moniker}). " +
                 "Ratios divide each case on a runtime by the same case on the baseline runtime.");
        Line(md);
        Line(md, "| Case | Runtime | Verdict | Conn/1k | Leaked → after GC | P95 | P95 vs baseline | Alloc/req | Alloc vs baseline |");
        Line(md, "|---|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var compared in comparison.Rows)
        {
            var row = compared.Row;
            Line(md, "| " + string.Join(" | ",
                CaseNames.Of(row, rows, withRuntime: false),
                row.Runtime.Name,
                row.Verdict.Text(),
                ReportFormat.Per1k(row.Census.ConnectionsPer1k),
                $"{ReportFormat.Count(row.Census.Leaked)} → {ReportFormat.Count(row.Census.AfterGc)}",
                ReportFormat.Latency(row.P95Ns),
                compared.P95Ratio is { } p ? ReportFormat.Ratio(p) : "—",
                row.AllocatedBytesPerRequest is { } a ? ReportFormat.Bytes(a) : "n/a",
                compared.AllocationRatio is { } r ? ReportFormat.Ratio(r) : "—") + " |");
        }

        Line(md);
        foreach (var finding in comparison.Findings())
        {
            Line(md, $"- {finding}");
        }

        Line(md);
    }

    private static string ReadText(Drain drain) => drain switch
    {
        Drain.None => "nothing",
        Drain.Partial4KiB => "first 4 KiB",
        Drain.Full => "to the end",
        _ => drain.ToString(),
    };

    private static Dictionary<string, int> Order(IEnumerable<string> keys)
    {
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            order.TryAdd(key, order.Count);
        }

        return order;
    }

    private static string Optional(double? value) => value is { } v ? ReportFormat.Per1k(v) : "n/a";

    // Table cells: a pipe would end the cell, a newline the row.
    private static string Cell(string text) => Inline(text).Replace("|", "\\|", StringComparison.Ordinal);

    private static string Inline(string text) => text.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');

    /// <summary>seed.md is a page of its own; inside the report its headings go one level down, under the section's.</summary>
    private static string Nested(string markdown) =>
        string.Join('\n', markdown.Split('\n').Select(line => line.StartsWith('#') ? "#" + line : line));
}
