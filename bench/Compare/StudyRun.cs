using System.Globalization;
using LeakBench.Statistics;

namespace LeakBench.Compare;

/// <summary>
/// A run folder read back for a comparison (published in results/ or a local artifacts/study-*): every case of its
/// report.csv, with each case's block pairs from the raw files the folder keeps: pairs.csv when it has one, else the
/// census files (census/*.json); a run before paired latency has none.
/// Runs written before a column existed are read too: a missing column is a figure not measured, or a dimension's default.
/// </summary>
public sealed class StudyRun
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
            throw new NotARunException($"{folder} is not a run folder: {(File.Exists(full) ? "it is a file (give the folder that holds report.csv)" : "no such folder")}");
        }

        var csvPath = Path.Combine(full, Reports.StudyReport.CsvFile);
        if (!File.Exists(csvPath))
        {
            throw new NotARunException($"{folder} is not a run folder: it has no {Reports.StudyReport.CsvFile}");
        }

        Reports.CsvTable? table;
        try
        {
            table = Reports.CsvTable.ReadWellFormed(csvPath);
        }
        catch (FormatException e)
        {
            throw new NotARunException($"{folder} is not a run folder: its {Reports.StudyReport.CsvFile} is not valid CSV ({e.Message})");
        }

        var header = table?.Header ?? [];
        if (RequiredColumns.FirstOrDefault(c => !header.Contains(c)) is { } missing)
        {
            throw new NotARunException($"{folder} is not a run folder: its {Reports.StudyReport.CsvFile} has no '{missing}' column");
        }

        var rows = new List<IReadOnlyDictionary<string, string>>();
        foreach (var record in table!.Records)
        {
            if (record.Length != header.Count)
            {
                throw new NotARunException($"{folder} is not a run folder: a row of its {Reports.StudyReport.CsvFile} has {record.Length} fields for {header.Count} columns");
            }

            rows.Add(header.Select((h, i) => (h, record[i])).ToDictionary(p => p.h, p => p.Item2, StringComparer.Ordinal));
        }

        if (rows.Count == 0)
        {
            throw new NotARunException($"{folder} is not a run folder: its {Reports.StudyReport.CsvFile} has no case");
        }

        IReadOnlyDictionary<int, BlockPairsOfRow> pairs;
        try
        {
            pairs = PairsFile.PairsOf(full, rows) ?? CensusPairs.PairsOf(full, rows);
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
    private static RunCase CaseOf(IReadOnlyDictionary<string, string> row, BlockPairsOfRow? pairs)
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

    /// <summary>A report.csv cell as a number; null when the column is missing or the cell empty.</summary>
    internal static double? Number(IReadOnlyDictionary<string, string> row, string column) =>
        row.TryGetValue(column, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
