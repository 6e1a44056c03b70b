using System.Globalization;
using System.Text;
using LeakBench.Cases;
using LeakBench.Pairing;
using LeakBench.Seed;
using LeakBench.Statistics;

namespace LeakBench.Reports;

/// <summary>
/// Writes report.md: a pure function of the environment, the rows, the chart paths and the seed run.
/// Numbers are formatted by <see cref="ReportFormat"/> (invariant culture); lines end with '\n'.
/// </summary>
public static class StudyReportWriter
{
    /// <param name="environment">The environment block.</param>
    /// <param name="rows">Every measured case on every runtime, in the order the run produced them.</param>
    /// <param name="charts">Charts to link, by path relative to the report.</param>
    /// <param name="seed">The seed run, written as its own markdown (the Go and .NET table and its paragraph) one heading level down; null when the seed did not run.</param>
    /// <param name="baselineRuntime">Moniker of the runtime that the runtime comparison divides by; null for the oldest runtime in the rows.</param>
    /// <param name="shapes">Which analyzer rules fired on the leak shapes; null when the run did not compile them (no section).</param>
    /// <exception cref="ArgumentException">No rows, a row without a successful request, or two rows for the same case and runtime.</exception>
    public static string Write(
        StudyEnvironment environment,
        IReadOnlyList<StudyRow> rows,
        IReadOnlyList<ChartFile> charts,
        SeedResult? seed = null,
        string? baselineRuntime = null,
        Shapes.ShapeCoverage? shapes = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(charts);
        Validate(rows);
        AaCalibrationSection.ValidateMargin(environment, rows);

        var md = new StringBuilder();
        var runtimes = RuntimeComparison.RuntimesOf(rows);
        Line(md, "# LeakBench study report");
        Line(md);
        Line(md, Summary(rows, runtimes));
        Line(md);
        AaCalibrationSection.WriteWarning(md, rows);
        foreach (var headline in charts.Where(c => c.IsHeadline))
        {
            WriteChart(md, headline);
        }

        ClassFindingsSection.Write(md, rows);

        WriteEnvironment(md, environment, rows);
        WriteDisagreements(md, rows);
        WriteMatrix(md, rows, runtimes);
        WriteAllCases(md, rows);
        WriteLatency(md, rows);
        WhereItBreaksSection.Write(md, rows);
        LeakHoldingsSection.Write(md, rows);
        ShapesSection.Write(md, rows, shapes);
        ProductionSignatureSection.Write(md, rows);
        WriteCharts(md, charts);
        if (seed is not null)
        {
            Line(md, "## Go and .NET side by side");
            Line(md);
            // seed.md's page one level down: its title at the level of the report's sections.
            Line(md, SeedMarkdown.Write(seed, headingLevel: 2).TrimEnd('\n'));
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

    private static void WriteEnvironment(StringBuilder md, StudyEnvironment env, IReadOnlyList<StudyRow> rows)
    {
        Line(md, "## Environment");
        Line(md);
        var table = new List<IReadOnlyList<string>>
        {
            new[] { "BenchmarkDotNet", env.BenchmarkDotNet },
            new[] { "OS", env.Os },
            new[] { "CPU", env.Cpu },
            new[] { "Cores", env.Cores },
            new[] { env.Runtimes.Count == 1 ? "Runtime" : "Runtimes", string.Join("; ", env.Runtimes) },
            new[] { "SDK", env.Sdk },
            new[] { "Job", env.Job },
        };
        if (env.Target is not null)
        {
            table.Add(new[] { "Target", env.Target });
        }

        if (env.SocketTable is not null)
        {
            table.Add(new[] { "Socket table", env.SocketTable });
        }

        if (env.TcpBuffers is not null)
        {
            table.Add(new[] { "TCP buffers", env.TcpBuffers });
        }

        if (AaCheck.Narrowest(rows) is { } narrowest && AaCheck.Widest(rows) is { } widest)
        {
            var count = AaCheck.Rows(rows).Count;
            var range = count == 1
                ? $"{AaDescription(widest)}; a calibration check, never the margin"
                : $"{ReportFormat.Count(count)} groups, narrowest {AaDescription(narrowest)}, widest {AaDescription(widest)}; a calibration check, never the margin";
            table.Add(new[] { "A/A latency", range });
        }

        table.Add(new[] { "Practical margin", AaCalibrationSection.MarginText(env.LatencyMargin) });

        table.Add(new[] { "Date", env.Date });
        table.Add(new[] { "Command", $"`{env.CommandLine.Replace("`", "'", StringComparison.Ordinal)}`" });
        md.Append(MarkdownTable.Write([new(""), new("")], table));
        Line(md);
    }

    private static string AaDescription(StudyRow row)
    {
        var median = row.Census.Latency!.Median!;
        return $"{RatioVerdict.Figures(median)} over {ReportFormat.Count(median.Pairs)} block pairs ({row.Case.Label})";
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
            var ordered = new List<StudyRow>();
            var table = new List<IReadOnlyList<string>>();
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
                table.Add([disposed ? "yes (`using`)" : "no", ReadText(drain), .. cells]);
            }

            md.Append(MarkdownTable.Write([new("Disposed"), new("Read"), .. bodies.Select(body => new MarkdownColumn(ReportFormat.Size(body)))], table));
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
        var verdict = $"**{row.VerdictText}**" + (row.IsBaseline ? " (baseline)" : "");
        var alloc = row.AllocatedBytesPerRequest is { } a ? $"{ReportFormat.Bytes(a)}/req" : "alloc n/a";
        return $"{verdict}<br>{ReportFormat.Per1k(c.ConnectionsPer1k)} conn/1k · open {ReportFormat.Count(c.Leaked)} → {ReportFormat.Count(c.AfterGc)} after GC<br>" +
               $"census P95 {ReportFormat.Latency(row.P95Ns)} · {alloc}";
    }

    private static void WriteAllCases(StringBuilder md, IReadOnlyList<StudyRow> rows)
    {
        Line(md, "## All cases");
        Line(md);
        Line(md, "Two tables, one source each, so that no row puts figures of two measurements side by side as if they were one. " +
                 "The first is LeakBench's census: sockets (ESTABLISHED after the requests, then after a full GC; TIME_WAIT and CLOSE_WAIT per 1,000 requests at the end) " +
                 "and the latency of each request of the census, timed on its own (census P50, P95, P99). " +
                 "The second is BenchmarkDotNet's: its statistics are over iterations, not requests (an [IterationCleanup] forces one invocation per iteration, so an " +
                 $"iteration is {ReportFormat.Count(Benchmarks.RequestBenchmarks.RequestsPerInvoke)} requests, kept so that published figures stay comparable): " +
                 "the mean and the median of the iterations' time per request, the Error of the mean (half its 99.9% confidence interval) over the mean, " +
                 $"⚠ above {ReportFormat.Percent(StudyRow.NoisyErrorOverMean)}, and allocations and GCs per request. For a case with several callers at once its time per request is the run's throughput, " +
                 "so it is shown as requests per second. Neither table is what the latency claims rest on: the cases run one after another, minutes apart, while a machine's speed drifts; " +
                 "the claims come from the paired ratios below, each case timed in alternating blocks with its baseline.");
        Line(md);
        Line(md, "### Sockets and per-request latency (census)");
        Line(md);
        string[] text = ["Benchmark", "Case", "Runtime", "Verdict"];
        string[] census = ["Succeeded", "Conn/1k", "Peak open", "Leaked", "After GC", "TIME_WAIT/1k", "CLOSE_WAIT/1k",
            "Server active", "Threads", "Census P50", "Census P95", "Census P99"];
        md.Append(MarkdownTable.Write([.. text.Select(h => new MarkdownColumn(h)), .. census.Select(h => new MarkdownColumn(h, AlignRight: true))], rows.Select(row =>
        {
            var c = row.Census;
            var succeeded = $"{ReportFormat.Count(c.Succeeded)}/{ReportFormat.Count(c.Requests)}" + (c.StoppedAt is null ? "" : " (stopped)");
            return (IReadOnlyList<string>)
            [
                $"{row.Benchmark}.{row.Method}",
                row.Case.Label + (row.IsBaseline ? " (baseline)" : ""),
                row.Runtime.Moniker,
                row.VerdictText,
                succeeded,
                ReportFormat.Per1k(c.ConnectionsPer1k),
                ReportFormat.Count(c.PeakOpen),
                ReportFormat.Count(c.Leaked),
                ReportFormat.Count(c.AfterGc),
                ReportFormat.Per1k(c.TimeWaitPer1k),
                ReportFormat.Per1k(c.CloseWaitPer1k),
                ReportFormat.Count(c.ServerActive),
                ReportFormat.Count(c.Threads),
                c.LatencyP50Us > 0 ? ReportFormat.Latency(c.LatencyP50Us * 1000) : "n/a",
                ReportFormat.Latency(row.P95Ns),
                ReportFormat.Latency(row.P99Ns),
            ];
        })));
        Line(md);
        Line(md, "### BenchmarkDotNet's iteration statistics");
        Line(md);
        string[] bdn = ["Mean", "Error/Mean", "Median of iterations", "Alloc/req", "Gen0/1k", "Gen1/1k", "Gen2/1k"];
        md.Append(MarkdownTable.Write([.. text[..3].Select(h => new MarkdownColumn(h)), .. bdn.Select(h => new MarkdownColumn(h, AlignRight: true))], rows.Select(row =>
        {
            var timed = row.NotTimed is null;
            return (IReadOnlyList<string>)
            [
                $"{row.Benchmark}.{row.Method}",
                row.Case.Label + (row.IsBaseline ? " (baseline)" : ""),
                row.Runtime.Moniker,
                timed ? PerRequest(row, row.MeanNs) : "not timed",
                timed ? ErrorOverMean(row) : "not timed",
                timed ? PerRequest(row, row.MedianNs) : "not timed",
                row.AllocatedBytesPerRequest is { } a ? ReportFormat.Bytes(a) : "n/a",
                Optional(row.Gen0Per1k),
                Optional(row.Gen1Per1k),
                Optional(row.Gen2Per1k),
            ];
        })));
        Line(md);
        var severalRuntimes = rows.Select(r => r.Runtime.Moniker).Distinct(StringComparer.Ordinal).Count() > 1;
        foreach (var row in rows)
        {
            if (StudyFindings.TlsAgainstPlaintext(row, rows) is { } tls)
            {
                Line(md, $"- {tls}");
            }
        }

        Line(md, $"- {StudyFindings.Threads(rows)}");
        Line(md);
        // Each case beside its group's baseline: the groups are CaseGroups', the one definition the pairing used.
        var costs = rows.Where(r => CaseGroups.KeyOf(r) is not null).GroupBy(r => CaseGroups.KeyOf(r)!)
            .Select(group => StudyFindings.Costs(group.ToList(), rows, severalRuntimes)).OfType<string>().ToList();
        if (costs.Count > 0)
        {
            Line(md, "### Each case against its group's baseline");
            Line(md);
            foreach (var sentence in costs)
            {
                Line(md, $"- {sentence}");
            }

            Line(md);
        }
    }

    // BenchmarkDotNet's time per request: a latency for one caller, the run's throughput for several at once.
    private static string PerRequest(StudyRow row, double nanoseconds) =>
        row.Census.Callers > 1 && nanoseconds > 0
            ? $"{ReportFormat.Count((long)Math.Round(1e9 / nanoseconds))} req/s ({ReportFormat.Count(row.Census.Callers)} callers)"
            : ReportFormat.Latency(nanoseconds);

    private static string ErrorOverMean(StudyRow row) => row.ErrorOverMean is { } e
        ? (e > StudyRow.NoisyErrorOverMean ? "⚠ " : "") + ReportFormat.Percent(e)
        : "n/a";

    private static void WriteLatency(StringBuilder md, IReadOnlyList<StudyRow> rows)
    {
        var paired = rows.Where(r => r.Census.Latency is not null).ToList();
        if (paired.Count == 0)
        {
            return;
        }

        Line(md, "## Latency against the baseline");
        Line(md);
        Line(md, $"Each case timed side by side with its group's baseline in the same process, after the census: {PairingPrecisionSection.Budgets(paired)}. " +
                 "Every pair runs on a fresh client of each side (a new connection, warmed by untimed requests), both alive together, and which side goes first is drawn at random for each two pairs " +
                 "(one of each order), so that neither the machine's drift nor one connection's speed falls on one side. " +
                 "Per pair the ratio of the blocks' medians (and P95s); the ratio is the Hodges–Lehmann centre of the pairs' log ratios, " +
                 "the bounds 95% signed-rank bounds, so the block pair, not the request, is the unit. " +
                 $"Every verdict uses the run's fixed margin (±{ReportFormat.Percent(paired.Select(AaCheck.MarginFor).First())}): slower or faster only when the bounds lie wholly beyond it, no practical difference only when they lie wholly within it, inconclusive otherwise. " +
                 "Each group's A/A check (the baseline against itself) calibrates: a group whose A/A bounds exclude 1 or are wider than the margin is flagged in the A/A column. " +
                 $"A P95 ratio gets a verdict only from blocks with at least {TailRule.MinimumAbove} requests above their P95 (100 a side); with smaller blocks a block's P95 is mostly its maximum, so it is shown as descriptive, without a verdict. " +
                 $"Between pairs a full GC runs when more than {PairedLatencyRunner.OpenSocketBound} client sockets are open, which bounds how much a leaking case can slow the baseline requests next to it. " +
                 "Allocation ratios: the census's bytes per request over all its requests against the baseline's (process-wide, so they include the census's own instruments, " +
                 "the same on both sides of a ratio but for one weak reference per request in undisposed HTTP/2 cases), and BenchmarkDotNet's, from its own iterations, beside them.");
        Line(md);
        md.Append(MarkdownTable.Write(
            [new("Benchmark"), new("Case"), new("Runtime"), new("Latency (median)"), new("P95"), new("Margin", AlignRight: true), new("Alloc ratio (census)", AlignRight: true), new("Alloc ratio (BenchmarkDotNet)", AlignRight: true), new("Pairs", AlignRight: true), new("Time", AlignRight: true), new("A/A check")],
            paired.Select(row =>
            {
                var l = row.Census.Latency!;
                var margin = AaCheck.MarginFor(row);
                return (IReadOnlyList<string>)
                [
                    $"{row.Benchmark}.{row.Method}",
                    row.Case.Label + (row.IsBaseline ? " (baseline)" : ""),
                    row.Runtime.Moniker,
                    l.Median is { } m ? (l.IsAa ? "A/A " + RatioVerdict.Figures(m) : AaCheck.VerdictOf(row) is { } median ? RatioVerdict.Describe(median, m, margin) : RatioVerdict.Figures(m)) : "no ratio: " + l.Failure,
                    l.P95 is { } p ? (l.IsAa ? "A/A " + RatioVerdict.Figures(p) : AaCheck.TailVerdictOf(row) is { } tail ? RatioVerdict.Describe(tail, p, margin) : "descriptive " + RatioVerdict.Figures(p)) : "n/a",
                    "±" + ReportFormat.Percent(margin),
                    CensusAllocations.Ratio(row, rows) is { } census ? ReportFormat.Ratio(census) : "n/a",
                    row.AllocationRatio is { } a ? ReportFormat.Ratio(a) : "n/a",
                    ReportFormat.Count(l.Pairs),
                    string.Create(CultureInfo.InvariantCulture, $"{l.Seconds:0.0} s"),
                    AaCalibrationSection.Cell(row, rows),
                ];
            })));
        Line(md);
        Line(md, string.Create(CultureInfo.InvariantCulture,
            $"- The pairing added {paired.Average(r => r.Census.Latency!.Seconds):0.0} s per case on average (at most {paired.Max(r => r.Census.Latency!.Seconds):0.0} s), {paired.Sum(r => r.Census.Latency!.Seconds):0} s in all."));
        if (PairingPrecisionSection.TimeCapped(paired) is { } capped)
        {
            Line(md, $"- {capped}");
        }

        foreach (var sentence in StudyFindings.Latency(rows))
        {
            Line(md, $"- {sentence}");
        }

        Line(md);
    }

    private static void WriteCharts(StringBuilder md, IReadOnlyList<ChartFile> charts)
    {
        var others = charts.Where(c => !c.IsHeadline).ToList();
        if (others.Count == 0)
        {
            return;
        }

        Line(md, "## Charts");
        Line(md);
        foreach (var chart in others)
        {
            Line(md, $"### {chart.Title}");
            Line(md);
            WriteChart(md, chart);
        }
    }

    // The image, its one-line caption (what to see), what it leaves out, and the SVG.
    private static void WriteChart(StringBuilder md, ChartFile chart)
    {
        Line(md, $"![{chart.Title}]({chart.Png})");
        Line(md);
        Line(md, $"*{Inline(chart.Caption)}* [SVG]({chart.Svg})");
        Line(md);
        if (chart.Note is not null)
        {
            Line(md, Inline(chart.Note));
            Line(md);
        }
    }

    private static void WriteRuntimeComparison(StringBuilder md, IReadOnlyList<StudyRow> rows, RuntimeComparison comparison)
    {
        Line(md, "## Runtimes compared");
        Line(md);
        Line(md, $"Baseline runtime: {comparison.Baseline.Name} ({comparison.Baseline.Moniker}). " +
                 "Ratios divide each case on a runtime by the same case on the baseline runtime. " +
                 (comparison.Rows.Any(r => r.LatencyPaired)
                     ? "The latency ratio is the cross-runtime pairing's (Runtimes paired: processes of the two runtimes alive together, bounds over process pairs), the same figure as report.csv's runtime_* columns and the runtime charts. "
                     : "") +
                 (comparison.Rows.Any(r => r.Latency is not null && !r.LatencyPaired)
                     ? "Where a case was not paired across runtimes, the latency ratio comes from the two runs' timed blocks (each block's median): the two-sample Hodges–Lehmann shift of their logs with 95% Mann–Whitney bounds, " +
                       "which cover the spread between blocks, not a drift of the whole machine between the two processes. "
                     : "") +
                 "Its verdict uses the run's fixed margin, as every latency verdict does (the A/A checks calibrate, they never widen it).");
        Line(md);
        string[] text = ["Case", "Runtime", "Verdict"];
        string[] numbers = ["Conn/1k", "Leaked → after GC", "Census P95", "Latency vs baseline", "Alloc/req", "Alloc vs baseline"];
        md.Append(MarkdownTable.Write([.. text.Select(h => new MarkdownColumn(h)), .. numbers.Select(h => new MarkdownColumn(h, AlignRight: true))], comparison.Rows.Select(compared =>
        {
            var row = compared.Row;
            return (IReadOnlyList<string>)
            [
                CaseNames.Of(row, rows, withRuntime: false),
                row.Runtime.Name,
                row.VerdictText,
                ReportFormat.Per1k(row.Census.ConnectionsPer1k),
                $"{ReportFormat.Count(row.Census.Leaked)} → {ReportFormat.Count(row.Census.AfterGc)}",
                ReportFormat.Latency(row.P95Ns),
                compared.Latency is { } l ? RatioVerdict.Describe(l, compared.LatencyMargin) : "— (" + compared.LatencyNote + ")",
                row.AllocatedBytesPerRequest is { } a ? ReportFormat.Bytes(a) : "n/a",
                compared.AllocationRatio is { } r ? ReportFormat.Ratio(r) : "—",
            ];
        })));
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

    private static string Inline(string text) => text.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
