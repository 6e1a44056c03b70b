using System.Globalization;
using LeakBench.Census;
using LeakBench.Pairing;
using LeakBench.Reports;
using LeakBench.Runs;
using LeakBench.Statistics;

namespace LeakBench.Verify;

/// <summary>
/// <c>leakbench verify RUN_FOLDER</c>: recomputes a run's figures from its raw files with the study's own code and
/// compares them with what the run reported. A checksum would only say the files are unchanged; this says that the
/// report follows from its data.
/// <list type="bullet">
/// <item>Every latency ratio and its bounds (median and P95), from pairs.csv, through
/// <see cref="PairedRatioEstimator.FromLogs"/>.</item>
/// <item>Every socket verdict of report.csv, from the row's census file, through <see cref="VerdictRules.Describe"/>, and the
/// socket counts it rests on (requests, connections, peak, leaked, after GC, TIME_WAIT, CLOSE_WAIT).</item>
/// <item>Every margin (the one each pairing recorded), latency verdict, pair count and latency note, by rebuilding the run's rows from the census files
/// (which name each case and its baseline case, so the groups, <see cref="CaseGroups"/>) with the recomputed ratios, and
/// writing them with the report's own <see cref="StudyCsvWriter"/>; aa.csv the same way with <see cref="AaCheck.Csv"/>.</item>
/// <item>pairs.csv against the block lists of the census files: the same pairs in two files.</item>
/// <item>Every cross-runtime cell (runtime_*), from runtime_pairs.csv, through <see cref="RuntimePairing.RuntimePairRun.RatioOf"/>.</item>
/// </list>
/// <para>
/// Numbers match when they are within a relative <see cref="RelativeTolerance"/>. The files hold round-trip ("R")
/// doubles and the recomputation runs the same code on the same round-trip inputs, so on the same runtime the figures
/// agree to the last bit; the tolerance only lets Math.Log and Math.Exp differ in their last bits between platforms
/// and runtimes (verifying a Linux run on Windows), about 1e-15. It is far below anything a reader sees (the report
/// prints ratios to two decimals), and any change to a pair that moves a figure at all moves it by far more.
/// Words (verdicts, notes) must be equal.
/// </para>
/// </summary>
public static class RunVerifier
{
    /// <summary>The relative difference below which two numbers are the same figure (see the class's remarks).</summary>
    public const double RelativeTolerance = 1e-9;

    // The columns a file must have to be a study report at all.
    private static readonly string[] ReportColumns = ["benchmark", "method", "runtime_moniker", "verdict"];

    private static readonly string[] PairColumns = ["case_median_us", "baseline_median_us", "case_p95_us", "baseline_p95_us"];

    private static readonly string[] RatioColumns = ["latency_ratio", "latency_ratio_lo", "latency_ratio_hi", "p95_ratio", "p95_ratio_lo", "p95_ratio_hi"];

    // Recomputed by writing the rebuilt rows with the report's own writer; the ratios are compared on their own above.
    private static readonly string[] GroupColumns = ["latency_margin", "latency_verdict", "latency_pairs", "latency_note"];

    // The socket counts the verdict rests on, as the writer takes them from the census file.
    private static readonly string[] CensusColumns =
    [
        "requests", "succeeded", "connections_opened", "conn_per_1k", "peak_open_sockets", "leaked_established", "after_gc_established", "time_wait", "close_wait",
    ];

    public static VerifyResult Run(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            return new VerifyResult { NotARunReason = $"{folder} is not a folder" };
        }

        var report = CsvTable.Read(Path.Combine(folder, StudyReport.CsvFile));
        if (report is null)
        {
            return new VerifyResult { NotARunReason = $"{folder} has no {StudyReport.CsvFile}: not a LeakBench run folder" };
        }

        if (ReportColumns.FirstOrDefault(c => !report.Has(c)) is { } missingColumn)
        {
            return new VerifyResult { NotARunReason = $"{StudyReport.CsvFile} in {folder} has no '{missingColumn}' column: not a LeakBench study report" };
        }

        var check = new Check();
        var pairs = CsvTable.Read(Path.Combine(folder, PairsCsv.File));
        var blocks = pairs is null ? null : PairsByRow(pairs, check);
        var described = report.Records.Select((r, i) => Describe(report, r, i)).ToList();

        CheckRatios(report, described, blocks, check);
        var rebuilt = Rebuild(folder, report, described, blocks, check);
        if (rebuilt is not null)
        {
            CheckGroups(report, described, rebuilt, check);
            CheckAa(folder, rebuilt, check);
        }

        CheckRuntimePairs(folder, report, described, check);
        var stale = CheckRendering(folder, report, check);

        return new VerifyResult { Checked = check.Count, Rows = report.Records.Count, Mismatches = check.Mismatches, Unchecked = check.Unchecked, StaleReason = stale };
    }

    /// <summary>A report row as the messages name it, and its key into pairs.csv.</summary>
    private sealed record Described(int Number, string Name, RowKey Key);

    /// <summary>A row's identity across the raw files: benchmark, method, case label, job and runtime.</summary>
    private sealed record RowKey(string Benchmark, string Method, string Case, string Job, string Runtime);

    /// <summary>One block pair: each side's block median and block P95, in microseconds.</summary>
    private sealed record Pair(double CaseMedian, double BaselineMedian, double CaseP95, double BaselineP95);

    private static Described Describe(CsvTable report, string[] record, int index)
    {
        var key = new RowKey(report.Field(record, "benchmark"), report.Field(record, "method"), report.Field(record, "case"), report.Field(record, "job"), report.Field(record, "runtime_moniker"));
        var name = string.Join(" · ", new[] { $"{key.Benchmark}.{key.Method}", key.Case, key.Job, key.Runtime }.Where(p => p.Length > 0));
        return new Described(index + 1, $"report.csv row {index + 1} ({name})", key);
    }

    private static Dictionary<RowKey, List<Pair>> PairsByRow(CsvTable pairs, Check check)
    {
        var byRow = new Dictionary<RowKey, List<Pair>>();
        for (var i = 0; i < pairs.Records.Count; i++)
        {
            var r = pairs.Records[i];
            var key = new RowKey(pairs.Field(r, "benchmark"), pairs.Field(r, "method"), pairs.Field(r, "case"), pairs.Field(r, "job"), pairs.Field(r, "runtime"));
            var values = PairColumns.Select(c => Number(pairs.Field(r, c))).ToArray();
            if (values.Any(v => v is not > 0 || double.IsInfinity(v.Value)))
            {
                check.Mismatch($"pairs.csv row {i + 1} ({key.Benchmark}.{key.Method} · {key.Case} · pair {pairs.Field(r, "pair")}): a block latency is not a positive number");
                continue;
            }

            if (!byRow.TryGetValue(key, out var list))
            {
                byRow[key] = list = [];
            }

            list.Add(new Pair(values[0]!.Value, values[1]!.Value, values[2]!.Value, values[3]!.Value));
        }

        return byRow;
    }

    /// <summary>The median and P95 ratios with bounds from a row's pairs, as the pairing computes them; nulls below the minimum of pairs.</summary>
    private static (RatioInterval? Median, RatioInterval? P95) Ratios(IReadOnlyList<Pair> pairs) =>
        pairs.Count < PairedRatioEstimator.MinimumPairs
            ? (null, null)
            : (PairedRatioEstimator.FromLogs(pairs.Select(p => Math.Log(p.CaseMedian / p.BaselineMedian)).ToList()),
               PairedRatioEstimator.FromLogs(pairs.Select(p => Math.Log(p.CaseP95 / p.BaselineP95)).ToList()));

    private static void CheckRatios(CsvTable report, IReadOnlyList<Described> described, Dictionary<RowKey, List<Pair>>? blocks, Check check)
    {
        var withRatio = report.Records.Count(r => report.Field(r, "latency_pairs").Length > 0 || report.Field(r, "latency_ratio").Length > 0);
        if (!report.Has("latency_ratio"))
        {
            check.NotChecked("latency ratios: report.csv has none (a run from before paired latency)");
            return;
        }

        if (blocks is null)
        {
            if (withRatio > 0)
            {
                check.NotChecked($"the latency ratios and bounds of {withRatio} row(s): the run has no {PairsCsv.File} (a run from before the block pairs were kept)");
            }

            return;
        }

        if (!report.Has("case"))
        {
            check.NotChecked($"the latency ratios and bounds of {withRatio} row(s): report.csv has no 'case' column to find each row's pairs by");
            return;
        }

        for (var i = 0; i < report.Records.Count; i++)
        {
            var record = report.Records[i];
            var (median, p95) = Ratios(blocks.GetValueOrDefault(described[i].Key) ?? []);
            double?[] expected = [median?.Ratio, median?.Lower, median?.Upper, p95?.Ratio, p95?.Lower, p95?.Upper];
            for (var c = 0; c < RatioColumns.Length; c++)
            {
                check.Numbers(described[i].Name, RatioColumns[c], expected[c] is { } e ? ReportFormat.Raw(e) : "", report.Field(record, RatioColumns[c]));
            }
        }
    }

    /// <summary>
    /// The run's rows rebuilt from the census files (case, baseline case, census) with the latency recomputed from
    /// pairs.csv, in report order; null (and what could not be checked) when some row has no census file naming its case.
    /// Socket verdicts and pairs.csv against the census's blocks are checked on the way.
    /// </summary>
    private static List<StudyRow>? Rebuild(string folder, CsvTable report, IReadOnlyList<Described> described, Dictionary<RowKey, List<Pair>>? blocks, Check check)
    {
        if (!report.Has("census_file"))
        {
            check.NotChecked($"the socket verdicts, margins and latency verdicts of {report.Records.Count} row(s): report.csv names no census file per row (a run from before census files were named by case, job and runtime)");
            return null;
        }

        var rows = new List<StudyRow>();
        var missing = new List<string>();
        for (var i = 0; i < report.Records.Count; i++)
        {
            var record = report.Records[i];
            var name = report.Field(record, "census_file");
            var census = name.Length == 0 || name != Path.GetFileName(name) ? null : CensusFile.TryRead(Path.Combine(folder, "census", name));
            if (census is null)
            {
                missing.Add($"{described[i].Name}: no census file{(name.Length > 0 ? $" {name}" : "")}");
                continue;
            }

            check.Text(described[i].Name, "verdict", VerdictRules.Describe(census), report.Field(record, "verdict"));
            if (census.Case is not { } @case)
            {
                missing.Add($"{described[i].Name}: census file {name} does not name its case");
                continue;
            }

            var pairs = blocks?.GetValueOrDefault(described[i].Key);
            if (pairs is not null && census.Latency is { } measured)
            {
                CheckPairsAgainstCensus(described[i].Name, name, pairs, measured, check);
            }

            var (median, p95) = Ratios(pairs ?? []);
            rows.Add(new StudyRow
            {
                Benchmark = described[i].Key.Benchmark,
                Method = described[i].Key.Method,
                Runtime = new StudyRuntime(report.Field(record, "runtime"), described[i].Key.Runtime),
                Case = @case,
                IsBaseline = report.Field(record, "baseline") == "true",
                BaselineCase = census.BaselineCase,
                Job = described[i].Key.Job,
                CensusFile = name,
                // Not recomputed (BenchmarkDotNet's timing): the writer needs them, verify does not compare them.
                MeanNs = 0,
                MedianNs = 0,
                P95Ns = 0,
                P99Ns = 0,
                Census = census with { Latency = census.Latency is { } l && blocks is not null ? l with { Median = median, P95 = p95 } : census.Latency },
            });
        }

        if (missing.Count > 0)
        {
            check.NotChecked($"the margins and latency verdicts (each rests on every row of its group and the run's A/A checks), because: {string.Join("; ", missing)}");
            return null;
        }

        if (blocks is null)
        {
            check.NotChecked($"the margins and latency verdicts: the run has no {PairsCsv.File} to recompute them from");
            return null;
        }

        return rows;
    }

    private static void CheckPairsAgainstCensus(string row, string censusFile, IReadOnlyList<Pair> pairs, PairedLatency measured, Check check)
    {
        var lists = new[] { measured.CaseBlockMediansUs, measured.BaselineBlockMediansUs, measured.CaseBlockP95sUs, measured.BaselineBlockP95sUs };
        if (lists.Any(l => l.Count != pairs.Count))
        {
            check.Mismatch($"pairs.csv for {row}: {pairs.Count} pairs, census file {censusFile} has {lists[0].Count}");
            return;
        }

        for (var p = 0; p < pairs.Count; p++)
        {
            double[] found = [pairs[p].CaseMedian, pairs[p].BaselineMedian, pairs[p].CaseP95, pairs[p].BaselineP95];
            for (var c = 0; c < PairColumns.Length; c++)
            {
                check.Numbers($"pairs.csv pair {p} of {row}", PairColumns[c], ReportFormat.Raw(lists[c][p]), ReportFormat.Raw(found[c]), $"census file {censusFile}");
            }
        }
    }

    private static void CheckGroups(CsvTable report, IReadOnlyList<Described> described, IReadOnlyList<StudyRow> rows, Check check)
    {
        // The run's margin, as each pairing recorded it (the study writes it in every row); 5% when nothing was paired.
        var margins = rows.Select(r => r.Census.Latency?.Margin).OfType<double>().Distinct().ToList();
        if (margins.Count > 1)
        {
            check.Mismatch($"the census files record {margins.Count} different margins ({string.Join(", ", margins.Select(ReportFormat.Raw))}); a run has one");
        }

        var expected = CsvTable.Parse(StudyCsvWriter.Write(rows, margins.Count > 0 ? margins[0] : PracticalMargin.Default))!;
        for (var i = 0; i < report.Records.Count; i++)
        {
            foreach (var column in GroupColumns.Concat(CensusColumns))
            {
                var e = expected.Field(expected.Records[i], column);
                var f = report.Field(report.Records[i], column);
                if (column == "latency_verdict" || column == "latency_note")
                {
                    check.Text(described[i].Name, column, e, f);
                }
                else
                {
                    check.Numbers(described[i].Name, column, e, f);
                }
            }
        }
    }

    private static void CheckAa(string folder, IReadOnlyList<StudyRow> rows, Check check)
    {
        var found = CsvTable.Read(Path.Combine(folder, AaCheck.CsvFile));
        var expected = CsvTable.Parse(AaCheck.Csv(rows))!;
        if (found is null)
        {
            if (expected.Records.Count > 0)
            {
                check.NotChecked($"the {expected.Records.Count} A/A check(s): the run has no {AaCheck.CsvFile}");
            }

            return;
        }

        static string KeyOf(CsvTable t, string[] r) => $"{t.Field(r, "benchmark")} · {t.Field(r, "case")} · {t.Field(r, "runtime")}";
        var byKey = found.Records.GroupBy(r => KeyOf(found, r)).ToDictionary(g => g.Key, g => g.First());
        foreach (var e in expected.Records)
        {
            var key = KeyOf(expected, e);
            if (!byKey.Remove(key, out var f))
            {
                check.Mismatch($"aa.csv: no row for the A/A of {key}, which the pairs give");
                continue;
            }

            foreach (var column in expected.Header.Skip(3))
            {
                check.Numbers($"aa.csv row {key}", column, expected.Field(e, column), found.Field(f, column));
            }
        }

        foreach (var extra in byKey.Keys)
        {
            check.Mismatch($"aa.csv: a row for {extra}, which has no A/A pairs");
        }
    }

    /// <summary>
    /// Every report.csv runtime_* cell (the cross-runtime ratio, bounds, verdict, process pairs and half-width of a row of
    /// a paired runtime) recomputed from runtime_pairs.csv's blocks with the coordinator's own code
    /// (<see cref="RuntimePairing.RuntimePairRun.RatioOf"/>) and the row's margin.
    /// </summary>
    private static void CheckRuntimePairs(string folder, CsvTable report, IReadOnlyList<Described> described, Check check)
    {
        var names = RuntimePairing.RuntimePairColumns.Names;
        if (!report.Has(names[0]))
        {
            return;
        }

        var paired = report.Records.Count(r => report.Field(r, names[0]).Length > 0);
        var table = CsvTable.Read(Path.Combine(folder, RuntimePairing.RuntimePairsCsv.FileName));
        if (table is null)
        {
            if (paired > 0)
            {
                check.NotChecked($"the cross-runtime ratios of {paired} row(s): the run has no {RuntimePairing.RuntimePairsCsv.FileName}");
            }

            return;
        }

        // The blocks of each comparison of another runtime against the reference (the A/A rows have one runtime on both
        // sides and no report.csv row of their own).
        var blocks = new Dictionary<(string Benchmark, string Method, string Case, string Runtime), List<RuntimePairing.RuntimeBlockPair>>();
        for (var i = 0; i < table.Records.Count; i++)
        {
            var r = table.Records[i];
            var (runtime, reference) = (table.Field(r, "runtime"), table.Field(r, "reference_runtime"));
            if (runtime == reference)
            {
                continue;
            }

            var medians = new[] { Number(table.Field(r, "runtime_median_us")), Number(table.Field(r, "reference_median_us")) };
            if (medians.Any(v => v is not > 0 || double.IsInfinity(v.Value))
                || !int.TryParse(table.Field(r, "process_pair"), NumberStyles.None, CultureInfo.InvariantCulture, out var processPair)
                || !int.TryParse(table.Field(r, "block"), NumberStyles.None, CultureInfo.InvariantCulture, out var block))
            {
                check.Mismatch($"{RuntimePairing.RuntimePairsCsv.FileName} row {i + 1}: a block median is not a positive number, or its process pair or block is not a count");
                continue;
            }

            var key = (table.Field(r, "benchmark"), table.Field(r, "method"), table.Field(r, "case"), runtime);
            if (!blocks.TryGetValue(key, out var list))
            {
                blocks[key] = list = [];
            }

            // Only the block medians enter the ratio (the P95s and GCs are in the file for the reader), so only they are read.
            list.Add(new RuntimePairing.RuntimeBlockPair(processPair, block, table.Field(r, "runtime_first") == "true",
                new RuntimePairing.BlockResult(medians[0]!.Value, 0, 0, 0, 0), new RuntimePairing.BlockResult(medians[1]!.Value, 0, 0, 0, 0)));
        }

        for (var i = 0; i < report.Records.Count; i++)
        {
            var record = report.Records[i];
            var key = (described[i].Key.Benchmark, described[i].Key.Method, described[i].Key.Case, described[i].Key.Runtime);
            var ratio = blocks.TryGetValue(key, out var pairs) ? RuntimePairing.RuntimePairRun.RatioOf(pairs) : null;
            var margin = Number(report.Field(record, "latency_margin")) ?? PracticalMargin.Default;
            var expected = RuntimePairing.RuntimePairColumns.Of(ratio, margin);
            for (var c = 0; c < names.Count; c++)
            {
                if (names[c] == "runtime_verdict")
                {
                    check.Text(described[i].Name, names[c], expected[c], report.Field(record, names[c]));
                }
                else
                {
                    check.Numbers(described[i].Name, names[c], expected[c], report.Field(record, names[c]));
                }
            }
        }
    }

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The running tally: figures compared, mismatches, what could not be checked.</summary>
    /// <summary>
    /// report.md line by line and report.csv cell by cell against what this code renders from the folder's raw files
    /// (<see cref="ReportRenderer"/>, in memory). Returns why the report is stale when its stamp names another report
    /// format (or none): it was rendered by another LeakBench, and <c>report</c> refreshes it.
    /// </summary>
    private static string? CheckRendering(string folder, CsvTable report, Check check)
    {
        RenderedReport rendered;
        try
        {
            if (RunManifest.TryRead(folder) is not { } manifest)
            {
                check.NotChecked($"report.md and report.csv against a rendering of the raw files: the run has no {RunManifest.FileName} (`./run.sh report FOLDER` builds it and renders the report)");
                return null;
            }

            rendered = ReportRenderer.Render(RunFolderReader.Read(folder, manifest));
        }
        catch (RunFolderException e)
        {
            check.NotChecked($"report.md and report.csv against a rendering of the raw files: {e.Message}");
            return null;
        }

        var markdownPath = Path.Combine(folder, StudyReport.MarkdownFile);
        if (!File.Exists(markdownPath))
        {
            check.Mismatch($"{StudyReport.MarkdownFile} is missing: `./run.sh report {folder}` renders it from the raw files");
            return null;
        }

        var markdown = File.ReadAllText(markdownPath);
        var format = RenderStamp.FormatOf(markdown);
        if (format != RenderStamp.Format)
        {
            return format is null
                ? $"{StudyReport.MarkdownFile} has no stamp: it was rendered by a LeakBench older than report format {RenderStamp.Format}; `./run.sh report {folder}` refreshes it"
                : $"{StudyReport.MarkdownFile} was rendered in report format {format}, this LeakBench renders format {RenderStamp.Format}; `./run.sh report {folder}` refreshes it";
        }

        var found = markdown.ReplaceLineEndings("\n").Split('\n');
        var expected = rendered.Markdown.Split('\n');
        for (var i = 0; i < Math.Max(found.Length, expected.Length); i++)
        {
            var (e, f) = (i < expected.Length ? expected[i] : null, i < found.Length ? found[i] : null);
            if (e is not null && f is not null && RenderStamp.IsStamp(e) && RenderStamp.IsStamp(f))
            {
                continue; // the commit that rendered it may differ; the format was compared above
            }

            check.Line(i + 1, e, f);
        }

        var csv = CsvTable.Parse(rendered.Csv)!;
        if (!csv.Header.SequenceEqual(report.Header))
        {
            check.Mismatch($"{StudyReport.CsvFile}: its columns differ from the rendered report's ({string.Join(", ", csv.Header.Except(report.Header).Concat(report.Header.Except(csv.Header)).Take(5))})");
            return null;
        }

        if (csv.Records.Count != report.Records.Count)
        {
            check.Mismatch($"{StudyReport.CsvFile}: {report.Records.Count} row(s), the rendering has {csv.Records.Count}");
            return null;
        }

        for (var i = 0; i < csv.Records.Count; i++)
        {
            foreach (var column in csv.Header)
            {
                check.Numbers($"report.csv row {i + 1}", column, csv.Field(csv.Records[i], column), report.Field(report.Records[i], column), "rendered");
            }
        }

        return null;
    }

    private sealed class Check
    {
        public int Count { get; private set; }

        public List<string> Mismatches { get; } = [];

        public List<string> Unchecked { get; } = [];

        public void Mismatch(string what) => Mismatches.Add(what);

        public void NotChecked(string what) => Unchecked.Add(what);

        public void Text(string row, string column, string expected, string found)
        {
            Count++;
            if (!string.Equals(expected, found, StringComparison.Ordinal))
            {
                Mismatches.Add($"{row}: {column} recomputed \"{expected}\", found \"{found}\"");
            }
        }

        /// <summary>One line of report.md against the rendering; null past the end of either.</summary>
        public void Line(int number, string? expected, string? found)
        {
            Count++;
            if (!string.Equals(expected, found, StringComparison.Ordinal))
            {
                Mismatches.Add($"report.md line {number}: rendered \"{expected ?? "(no line)"}\", found \"{found ?? "(no line)"}\"");
            }
        }

        public void Numbers(string row, string column, string expected, string found, string source = "recomputed")
        {
            Count++;
            if (string.Equals(expected, found, StringComparison.Ordinal))
            {
                return;
            }

            var (e, f) = (Number(expected), Number(found));
            var same = e is { } a && f is { } b && (a == b || Math.Abs(a - b) <= RelativeTolerance * Math.Max(Math.Abs(a), Math.Abs(b)));
            if (!same)
            {
                Mismatches.Add($"{row}: {column} {source} {(expected.Length == 0 ? "(empty)" : expected)}, found {(found.Length == 0 ? "(empty)" : found)}");
            }
        }
    }
}
