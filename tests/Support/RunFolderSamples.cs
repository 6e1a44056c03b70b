using System.Globalization;
using System.Text.Json;
using LeakBench.Census;
using LeakBench.Reports;
using LeakBench.Runs;

namespace LeakBench.Tests.Support;

/// <summary>
/// Run folders made of rows built by a test: the raw files a study leaves (census files, BenchmarkDotNet's full JSON
/// export in its own layout, run.json), so that the report is rendered from them by the study's own reader and
/// renderer, as `report` and `verify` do.
/// </summary>
public static class RunFolderSamples
{
    /// <summary>The manifest entry of <paramref name="row"/>; <paramref name="index"/> keeps keys and file names unique.</summary>
    public static RunRowEntry EntryOf(StudyRow row, int index)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new RunRowEntry(row.Benchmark, row.Method, row.Job ?? "Quick", row.Runtime.Moniker, row.Runtime.Name, row.IsBaseline,
            row.CensusFile ?? string.Create(CultureInfo.InvariantCulture, $"census-{index}.json"), string.Create(CultureInfo.InvariantCulture, $"{row.Benchmark}.{row.Method}: sample [{index}]"));
    }

    public static RunManifest ManifestOf(StudyEnvironment environment, IReadOnlyList<StudyRow> rows) =>
        new() { Environment = environment, Rows = [.. rows.Select(EntryOf)] };

    /// <summary>Writes the raw files of <paramref name="rows"/> into <paramref name="folder"/> and renders its report from them.</summary>
    public static RunData Write(string folder, StudyEnvironment environment, IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Directory.CreateDirectory(Path.Combine(folder, RunFolderReader.CensusFolder));
        var manifest = ManifestOf(environment, rows);
        var benchmarks = new List<object>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var entry = manifest.Rows[i];
            CensusFile.Write(Path.Combine(folder, RunFolderReader.CensusFolder, entry.CensusFile), row.Census with { Case = row.Case, BaselineCase = CaseGroups.BaselineCaseOf(row) });
            benchmarks.Add(new Dictionary<string, object?>
            {
                ["DisplayInfo"] = entry.BenchmarkDotNetCase,
                // One iteration per case: its statistics are the row's mean, as a quick run's are.
                ["Statistics"] = row.NotTimed is null ? new Dictionary<string, object> { ["OriginalValues"] = new[] { row.MeanNs } } : null,
                ["Memory"] = new Dictionary<string, object?>
                {
                    ["Gen0Collections"] = 0,
                    ["Gen1Collections"] = 0,
                    ["Gen2Collections"] = 0,
                    ["TotalOperations"] = 200,
                    ["BytesAllocatedPerOperation"] = row.AllocatedBytesPerRequest is { } a ? (long)Math.Round(a) : null,
                },
            });
        }

        var results = Path.Combine(folder, "bdn", "results");
        Directory.CreateDirectory(results);
        File.WriteAllText(Path.Combine(results, "Sample-report-full.json"), JsonSerializer.Serialize(new Dictionary<string, object> { ["Title"] = "sample", ["Benchmarks"] = benchmarks }));
        manifest.Write(folder);
        var data = RunFolderReader.Read(folder);
        ReportRenderer.Write(data, folder);
        return data;
    }
}
