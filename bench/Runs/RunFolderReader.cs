using LeakBench.Census;
using LeakBench.Reports;
using LeakBench.RuntimePairing;
using LeakBench.Seed;
using LeakBench.Shapes;

namespace LeakBench.Runs;

/// <summary>Everything a report is rendered from, read from a run folder's raw files.</summary>
/// <param name="Folder">The run folder (full path).</param>
/// <param name="Manifest">run.json.</param>
/// <param name="Rows">The rows, in the manifest's order.</param>
/// <param name="Seed">seed.json, when the run had the seed reproduction.</param>
/// <param name="Shapes">The leak shapes' coverage from shapes.sarif and the manifest, when the run compiled them.</param>
/// <param name="RuntimePairs">The cross-runtime comparisons (runtime_comparisons.json), when the run paired runtimes.</param>
public sealed record RunData(string Folder, RunManifest Manifest, IReadOnlyList<StudyRow> Rows, SeedResult? Seed, ShapeCoverage? Shapes, IReadOnlyList<RuntimeCaseComparison> RuntimePairs);

/// <summary>
/// Reads a run folder's raw files into <see cref="RunData"/>: run.json, the census files, BenchmarkDotNet's JSON export,
/// seed.json, shapes.sarif and the runtime comparisons. The study renders its own report through this reader, so a run's
/// report is by construction what <c>report</c> renders from the same folder.
/// </summary>
public static class RunFolderReader
{
    public const string CensusFolder = "census";

    /// <exception cref="RunFolderException">Not a run folder, or raw files missing or unreadable (the message says which).</exception>
    public static RunData Read(string folder, RunManifest? manifest = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full))
        {
            throw new RunFolderException($"{folder} is not a run folder: {(File.Exists(full) ? "it is a file" : "no such folder")}");
        }

        manifest ??= RunManifest.TryRead(full) ?? throw new RunFolderException($"{folder} has no {RunManifest.FileName}: `report` builds it for a run published before it existed");
        var runtimePairs = RuntimeComparisonsFile.TryRead(full);
        if (runtimePairs is null && File.Exists(Path.Combine(full, RuntimePairsCsv.FileName)))
        {
            // Its block pairs alone do not say which comparisons failed, why, or how long each took.
            throw new RunFolderException($"{folder} paired runtimes before {RuntimeComparisonsFile.FileName} kept the comparisons: its runtime sections cannot be rendered again from raw files, so its report is left as it was");
        }

        var benchmarkDotNet = BenchmarkDotNetResults.Read(full);
        var rows = RunRows.From(manifest.Rows, entry => ReadCensus(full, entry), benchmarkDotNet);
        return new RunData(full, manifest, rows, ReadSeed(full), ReadShapes(full, manifest.Shapes), runtimePairs ?? []);
    }

    private static CensusResult ReadCensus(string folder, RunRowEntry entry)
    {
        if (entry.CensusFile.Length == 0 || entry.CensusFile != Path.GetFileName(entry.CensusFile))
        {
            throw new RunFolderException($"{RunManifest.FileName} names no census file for {entry.Benchmark}.{entry.Method} ({entry.Job})");
        }

        var path = Path.Combine(folder, CensusFolder, entry.CensusFile);
        try
        {
            return CensusFile.TryRead(path) ?? throw new RunFolderException($"{entry.Benchmark}.{entry.Method}: its census file {CensusFolder}/{entry.CensusFile} is missing");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new RunFolderException($"{CensusFolder}/{entry.CensusFile} is not a census file: {e.Message}");
        }
    }

    /// <summary>seed.json as the seed run that wrote it; null when the run had no seed.</summary>
    private static SeedResult? ReadSeed(string folder)
    {
        var path = Path.Combine(folder, SeedFiles.Json);
        if (!File.Exists(path))
        {
            return null;
        }

        var document = SeedJson.Read(File.ReadAllText(path)) ?? throw new RunFolderException($"{path} is empty");
        var rows = document.Rows.Select(r => new SeedRow(
            ArticleTest.All.FirstOrDefault(t => t.Name == r.Test) ?? throw new RunFolderException($"{path}: unknown article test '{r.Test}'"),
            r.BodyBytes, r.Go, r.DotnetHeadersRead, r.DotnetDefault)).ToList();
        return new SeedResult(rows, document.GoVersion, document.GoArticleMainInOneProcess, document.Environment);
    }

    /// <summary>The coverage the run's compile gave: shapes.sarif read against the current shape catalog, with the analyzers the manifest names.</summary>
    private static ShapeCoverage? ReadShapes(string folder, RunShapes? shapes)
    {
        if (shapes is null)
        {
            return null;
        }

        var catalog = LeakShapeCatalog.ProjectDirectory is { } directory && Directory.Exists(directory) ? LeakShapeCatalog.Read(directory) : [];
        if (shapes.NotRun is { } reason)
        {
            return ShapeCoverage.Failed(catalog, reason);
        }

        var sarif = Path.Combine(folder, ShapeCoverage.SarifFile);
        return File.Exists(sarif)
            ? ShapeCoverage.From(catalog, SarifLog.Read(File.ReadAllText(sarif)), shapes.Analyzers)
            : throw new RunFolderException($"{RunManifest.FileName} says the leak shapes were compiled, but {ShapeCoverage.SarifFile} is missing");
    }
}
