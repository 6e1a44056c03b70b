using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LeakBench.Census;

namespace LeakBench.Compare;

/// <summary>
/// The block pairs of each report.csv row (by row index) from the run's census files (census/*.json): the file
/// report.csv's census_file column names (runs since issue 20), else, in older runs, the file found by name and figures.
/// <para>
/// An older census file is named by benchmark and method only (census-NNN-Class-Method.json), and several rows share
/// those; so a file belongs to the row of that benchmark and method whose census figures in report.csv are the file's
/// own, and among several such rows to the one at the file's number when the folder has one file per row (the study
/// writes report.csv in BenchmarkDotNet's case order, which numbers the files). A file that fits no row, or several
/// without that tie-break, is left out: no pairs rather than another case's.
/// </para>
/// </summary>
public static partial class CensusPairs
{
    public const string Folder = "census";

    public static IReadOnlyDictionary<int, BlockPairsOfRow> PairsOf(string folder, IReadOnlyList<IReadOnlyDictionary<string, string>> rows)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(rows);
        var found = new Dictionary<int, BlockPairsOfRow>();
        var censusFolder = Path.Combine(folder, Folder);
        if (!Directory.Exists(censusFolder) || rows.Count == 0)
        {
            return found;
        }

        if (rows[0].ContainsKey("census_file"))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var name = Path.GetFileName(rows[i]["census_file"]);
                if (name.Length > 0 && PairsIn(Path.Combine(censusFolder, name)) is { Pairs: { } pairs })
                {
                    found[i] = pairs;
                }
            }

            return found;
        }

        var files = Directory.GetFiles(censusFolder, "census-*.json").Order(StringComparer.Ordinal).ToList();
        // The numbers follow report.csv's rows only when there is one file per row: a run of several runtimes numbered
        // each runtime's files from 0 again (and overwrote the earlier ones), so there the number tells nothing.
        var numbered = files.Count == rows.Count;
        foreach (var file in files)
        {
            var name = NumberedFileName().Match(Path.GetFileName(file));
            if (!name.Success || PairsIn(file) is not { Pairs: { } pairs, Census: var census })
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
                found[row] = pairs;
            }
        }

        return found;
    }

    /// <summary>Whether report.csv's census columns of <paramref name="row"/> are <paramref name="census"/>'s figures.</summary>
    private static bool Fits(IReadOnlyDictionary<string, string> row, CensusResult census)
    {
        bool Same(string column, double value) => !row.ContainsKey(column) || (StudyRun.Number(row, column) is { } v && v == value);
        var ratioFits = census.Latency?.Median is not { } median || StudyRun.Number(row, "latency_ratio") is not { } written
                        || Math.Abs(written - median.Ratio) <= 1e-9 * Math.Abs(median.Ratio); // written with "R": equal, unless an older writer rounded
        return ratioFits && Same("requests", census.Requests) && Same("succeeded", census.Succeeded) && Same("connections_opened", census.ConnectionsOpened)
               && Same("peak_open_sockets", census.PeakOpen) && Same("threads", census.Threads) && Same("census_gen0_collections", census.Gen0);
    }

    /// <summary>A census file's block pairs with the census; null when the file is missing, unreadable or has no pairs.</summary>
    private static (BlockPairsOfRow Pairs, CensusResult Census)? PairsIn(string file)
    {
        CensusResult? census;
        try
        {
            census = CensusFile.TryRead(file);
        }
        catch (JsonException)
        {
            return null; // a census file the run left half-written: that case has no pairs
        }

        return census?.Latency is { } latency && BlockPairsOfRow.Of(latency.CaseBlockMediansUs, latency.BaselineBlockMediansUs, Path.Combine(Folder, Path.GetFileName(file))) is { } pairs
            ? (pairs, census)
            : null;
    }

    [GeneratedRegex(@"^census-(?<number>\d+)-(?<benchmark>[^-]+)-(?<method>.+)\.json$")]
    private static partial Regex NumberedFileName();
}
