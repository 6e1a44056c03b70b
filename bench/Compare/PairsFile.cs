using System.Globalization;

namespace LeakBench.Compare;

/// <summary>
/// Reads the block pairs of a run's pairs.csv (written by runs since issue 20: one record per case and pair, the block
/// medians at round-trip precision), keyed the way report.csv names a row: benchmark, method, case label, job and
/// runtime moniker.
/// </summary>
public static class PairsFile
{
    /// <summary>The file's name in a run folder.</summary>
    public const string Name = Reports.PairsCsv.File;

    /// <summary>The columns a pairs.csv must have for its pairs to be read.</summary>
    public static IReadOnlyList<string> RequiredColumns { get; } = ["benchmark", "method", "case", "job", "runtime", "pair", "case_median_us", "baseline_median_us"];

    /// <summary>The report.csv columns that name a row's pairs in pairs.csv (its "runtime" is report.csv's runtime_moniker).</summary>
    public static IReadOnlyList<string> ReportKeyColumns { get; } = ["benchmark", "method", "case", "job", "runtime_moniker"];

    /// <summary>
    /// Each case's block medians (case, baseline) in pair order, by (benchmark, method, case, job, runtime); null when the
    /// folder has no pairs.csv or one without the columns (then the census files are read instead).
    /// </summary>
    /// <exception cref="FormatException">pairs.csv is not valid CSV.</exception>
    public static IReadOnlyDictionary<string, (List<double> Case, List<double> Baseline)>? Read(string folder)
    {
        if (Reports.CsvTable.ReadWellFormed(Path.Combine(folder, Name)) is not { } table || RequiredColumns.Any(c => !table.Has(c)))
        {
            return null;
        }

        var pairs = new Dictionary<string, List<(int Pair, double Case, double Baseline)>>(StringComparer.Ordinal);
        foreach (var record in table.Records.Where(r => r.Length == table.Header.Count))
        {
            if (!int.TryParse(table.Field(record, "pair"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pair)
                || !double.TryParse(table.Field(record, "case_median_us"), NumberStyles.Float, CultureInfo.InvariantCulture, out var caseMedian)
                || !double.TryParse(table.Field(record, "baseline_median_us"), NumberStyles.Float, CultureInfo.InvariantCulture, out var baselineMedian))
            {
                continue;
            }

            var key = Key(table.Field(record, "benchmark"), table.Field(record, "method"), table.Field(record, "case"), table.Field(record, "job"), table.Field(record, "runtime"));
            if (!pairs.TryGetValue(key, out var list))
            {
                pairs[key] = list = [];
            }

            list.Add((pair, caseMedian, baselineMedian));
        }

        return pairs.ToDictionary(
            kv => kv.Key,
            kv => (kv.Value.OrderBy(p => p.Pair).Select(p => p.Case).ToList(), kv.Value.OrderBy(p => p.Pair).Select(p => p.Baseline).ToList()),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// The block pairs of each report.csv row (by row index) from the folder's pairs.csv; null when the folder has none,
    /// or report.csv has no columns naming a row's pairs (then the census files are read: <see cref="CensusPairs"/>).
    /// A row pairs.csv has no records for has no pairs.
    /// </summary>
    /// <exception cref="FormatException">pairs.csv is not valid CSV.</exception>
    public static IReadOnlyDictionary<int, BlockPairsOfRow>? PairsOf(string folder, IReadOnlyList<IReadOnlyDictionary<string, string>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0 || KeyOf(rows[0]) is null || Read(folder) is not { } file)
        {
            return null;
        }

        var found = new Dictionary<int, BlockPairsOfRow>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (file.TryGetValue(KeyOf(rows[i])!, out var blocks) && BlockPairsOfRow.Of(blocks.Case, blocks.Baseline, Name) is { } pairs)
            {
                found[i] = pairs;
            }
        }

        return found;
    }

    /// <summary>The key of a report.csv row; null when report.csv has no column naming its pairs (a run from before pairs.csv).</summary>
    public static string? KeyOf(IReadOnlyDictionary<string, string> reportRow)
    {
        ArgumentNullException.ThrowIfNull(reportRow);
        return ReportKeyColumns.All(reportRow.ContainsKey)
            ? Key(reportRow["benchmark"], reportRow["method"], reportRow["case"], reportRow["job"], reportRow["runtime_moniker"])
            : null;
    }

    // A separator no label, method or job name holds.
    private static string Key(params string[] parts) => string.Join('\u001f', parts);
}
