using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LeakBench.Census;
using LeakBench.Statistics;

namespace LeakBench.Compare;

/// <summary>
/// A run folder read back for a comparison (published in results/ or a local artifacts/study-*): every case of its
/// report.csv, with each case's block pairs from the raw files the folder keeps: pairs.csv when it has one, else the
/// census files (census/*.json); a run before paired latency has none.
/// Runs written before a column existed are read too: a missing column is a figure not measured, or a dimension's default.
/// </summary>
public sealed partial class StudyRun
{
    /// <summary>The columns without which a report.csv is not one LeakBench wrote (every run since the first has them).</summary>
    public static IReadOnlyList<string> RequiredColumns { get; } = ["benchmark", "method", "runtime", "runtime_moniker", "baseline", "verdict"];

    private StudyRun(string folder, IReadOnlyList<RunCase> cases)
    {
        Folder = folder;
        Cases = cases;
    }

    /// <summary>The folder as given (full path).</summary>
    public string Folder { get; }

    /// <summary>The cases in report.csv's order.</summary>
    public IReadOnlyList<RunCase> Cases { get; }

    /// <summary>Reads the run in <paramref name="folder"/>.</summary>
    /// <exception cref="NotARunException">The folder does not exist, has no report.csv, or its report.csv is not LeakBench's.</exception>
    public static StudyRun Read(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full))
        {
            throw new NotARunException($"{folder} is not a run folder: no such folder");
        }

        var csvPath = Path.Combine(full, Reports.StudyReport.CsvFile);
        if (!File.Exists(csvPath))
        {
            throw new NotARunException($"{folder} is not a run folder: it has no {Reports.StudyReport.CsvFile}");
        }

        IReadOnlyList<IReadOnlyList<string>> records;
        try
        {
            records = CsvRecords.Parse(File.ReadAllText(csvPath));
        }
        catch (FormatException e)
        {
            throw new NotARunException($"{folder} is not a run folder: its {Reports.StudyReport.CsvFile} is not valid CSV ({e.Message})");
        }

        var header = records.Count > 0 ? records[0] : [];
        if (RequiredColumns.FirstOrDefault(c => !header.Contains(c)) is { } missing)
        {
            throw new NotARunException($"{folder} is not a run folder: its {Reports.StudyReport.CsvFile} has no '{missing}' column");
        }

        var rows = new List<IReadOnlyDictionary<string, string>>();
        foreach (var record in records.Skip(1))
        {
            if (record.Count != header.Count)
            {
                throw new NotARunException($"{folder} is not a run folder: a row of its {Reports.StudyReport.CsvFile} has {record.Count} fields for {header.Count} columns");
            }

            rows.Add(header.Select((h, i) => (h, record[i])).ToDictionary(p => p.h, p => p.Item2, StringComparer.Ordinal));
        }

        if (rows.Count == 0)
        {
            throw new NotARunException($"{folder} is not a run folder: its {Reports.StudyReport.CsvFile} has no case");
        }

        Dictionary<int, (IReadOnlyList<double>, string)> pairs;
        try
        {
            pairs = PairsFromPairsFile(full, rows) ?? PairsFromCensus(full, rows);
        }
        catch (FormatException e)
        {
            throw new NotARunException($"{folder} is not a run folder: its {PairsFile.Name} is not valid CSV ({e.Message})");
        }

        var cases = rows.Select((row, i) => CaseOf(row, pairs.GetValueOrDefault(i))).ToList();
        if (cases.GroupBy(c => c.Key).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new NotARunException($"{folder} is not a run folder: its {Reports.StudyReport.CsvFile} has {twice.Key.Name} twice");
        }

        return new StudyRun(full, cases);
    }

    /// <summary>One report.csv row's case; <paramref name="pairs"/> are its block pairs' log ratios, with the file they came from.</summary>
    private static RunCase CaseOf(IReadOnlyDictionary<string, string> row, (IReadOnlyList<double> LogRatios, string Source)? pairs)
    {
        var dimensions = CaseKey.DimensionColumns.Select(d =>
        {
            var value = row.TryGetValue(d.Column, out var v) ? v : d.Missing ?? "";
            return (d.Column, d.Column == "multiple_http2_connections" && value != "true" ? "false" : value);
        }).ToList();
        var ratio = Number(row, "latency_ratio") is { } r && Number(row, "latency_ratio_lo") is { } lo && Number(row, "latency_ratio_hi") is { } hi
            ? new RatioInterval(r, lo, hi, (int)(Number(row, "latency_pairs") ?? 0))
            : null;
        return new RunCase
        {
            Key = new CaseKey(row["benchmark"], row["method"], row["runtime_moniker"], dimensions),
            RuntimeName = row["runtime"],
            IsBaseline = row["baseline"] == "true",
            VerdictText = row["verdict"],
            ConnectionsPer1k = Number(row, "conn_per_1k"),
            PeakOpenSockets = Number(row, "peak_open_sockets") is { } peak ? (long)peak : null,
            AllocatedBytesPerRequest = Number(row, "alloc_bytes_per_req"),
            LatencyRatio = ratio,
            PairLogRatios = pairs?.LogRatios ?? [],
            PairsSource = pairs?.Source,
        };
    }

    /// <summary>
    /// The block pairs of each row (by row index) from pairs.csv, the raw file runs keep since issue 20; null when the
    /// folder has none (then <see cref="PairsFromCensus"/>). A row pairs.csv has no records for has no pairs.
    /// </summary>
    private static Dictionary<int, (IReadOnlyList<double>, string)>? PairsFromPairsFile(string folder, List<IReadOnlyDictionary<string, string>> rows)
    {
        if (PairsFile.Read(folder) is not { } file || PairsFile.KeyOf(rows[0]) is null)
        {
            return null;
        }

        var found = new Dictionary<int, (IReadOnlyList<double>, string)>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (file.TryGetValue(PairsFile.KeyOf(rows[i])!, out var blocks) && LogRatios(blocks.Case, blocks.Baseline) is { Count: > 0 } logRatios)
            {
                found[i] = (logRatios, PairsFile.Name);
            }
        }

        return found;
    }

    /// <summary>
    /// The block pairs of each row (by row index) from census/*.json: the file report.csv's census_file column names
    /// (runs since issue 20), else, in older runs, by the file's name and figures (below). A census file is named by benchmark and method
    /// only (census-NNN-Class-Method.json), and several rows share those; so a file belongs to the row of that benchmark
    /// and method whose census figures in report.csv are the file's own, and among several such rows to the one at
    /// the file's number when the folder has one file per row (the study writes report.csv in BenchmarkDotNet's case order,
    /// which numbers the files). A file
    /// that fits no row, or several without that tie-break, is left out: no pairs rather than another case's.
    /// </summary>
    private static Dictionary<int, (IReadOnlyList<double>, string)> PairsFromCensus(string folder, List<IReadOnlyDictionary<string, string>> rows)
    {
        var found = new Dictionary<int, (IReadOnlyList<double>, string)>();
        var censusFolder = Path.Combine(folder, "census");
        if (!Directory.Exists(censusFolder))
        {
            return found;
        }

        if (rows[0].ContainsKey("census_file"))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var named = Path.Combine(censusFolder, Path.GetFileName(rows[i]["census_file"]));
                if (rows[i]["census_file"].Length > 0 && File.Exists(named) && ReadCensus(named) is { Latency: { } l }
                    && LogRatios(l.CaseBlockMediansUs, l.BaselineBlockMediansUs) is { Count: > 0 } logRatios)
                {
                    found[i] = (logRatios, Path.Combine("census", Path.GetFileName(named)));
                }
            }

            return found;
        }

        var files = Directory.GetFiles(censusFolder, "census-*.json").Order(StringComparer.Ordinal).ToList();
        // The numbers follow report.csv's rows only when there is one file per row: a run of several runtimes numbers
        // each runtime's files from 0 again (and overwrites the earlier ones), so there the number tells nothing.
        var numbered = files.Count == rows.Count;
        foreach (var file in files)
        {
            var name = CensusFileName().Match(Path.GetFileName(file));
            if (!name.Success || ReadCensus(file) is not { Latency: { } latency } census)
            {
                continue;
            }

            var logRatios = LogRatios(latency.CaseBlockMediansUs, latency.BaselineBlockMediansUs);
            if (logRatios.Count == 0)
            {
                continue;
            }

            var number = int.Parse(name.Groups["number"].Value, CultureInfo.InvariantCulture);
            var candidates = Enumerable.Range(0, rows.Count)
                .Where(i => !found.ContainsKey(i) && rows[i]["benchmark"] == name.Groups["benchmark"].Value && rows[i]["method"] == name.Groups["method"].Value && Fits(rows[i], census))
                .ToList();
            var row = candidates.Count == 1 ? candidates[0] : numbered && candidates.Contains(number) ? number : -1;
            if (row >= 0)
            {
                found[row] = (logRatios, Path.Combine("census", Path.GetFileName(file)));
            }
        }

        return found;
    }

    /// <summary>Whether report.csv's census columns of <paramref name="row"/> are <paramref name="census"/>'s figures.</summary>
    private static bool Fits(IReadOnlyDictionary<string, string> row, CensusResult census)
    {
        bool Same(string column, double value) => !row.ContainsKey(column) || (Number(row, column) is { } v && v == value);
        var ratioFits = census.Latency?.Median is not { } median || Number(row, "latency_ratio") is not { } written
                        || Math.Abs(written - median.Ratio) <= 1e-9 * Math.Abs(median.Ratio); // written with "R": equal, unless an older writer rounded
        return ratioFits && Same("requests", census.Requests) && Same("succeeded", census.Succeeded) && Same("connections_opened", census.ConnectionsOpened)
               && Same("peak_open_sockets", census.PeakOpen) && Same("threads", census.Threads) && Same("census_gen0_collections", census.Gen0);
    }

    /// <summary>ln(case / baseline) of each block pair; empty when the lists do not pair up or a median is not a positive number.</summary>
    public static IReadOnlyList<double> LogRatios(IReadOnlyList<double> caseBlocks, IReadOnlyList<double> baselineBlocks)
    {
        ArgumentNullException.ThrowIfNull(caseBlocks);
        ArgumentNullException.ThrowIfNull(baselineBlocks);
        if (caseBlocks.Count != baselineBlocks.Count || caseBlocks.Concat(baselineBlocks).Any(v => !(v > 0) || double.IsInfinity(v)))
        {
            return [];
        }

        return caseBlocks.Zip(baselineBlocks, (c, b) => Math.Log(c / b)).ToList();
    }

    private static CensusResult? ReadCensus(string file)
    {
        try
        {
            return CensusFile.TryRead(file);
        }
        catch (JsonException)
        {
            return null; // a census file the run left half-written: that case has no pairs
        }
    }

    private static double? Number(IReadOnlyDictionary<string, string> row, string column) =>
        row.TryGetValue(column, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    [GeneratedRegex(@"^census-(?<number>\d+)-(?<benchmark>[^-]+)-(?<method>.+)\.json$")]
    private static partial Regex CensusFileName();
}
