using System.Text.Json;
using System.Text.Json.Serialization;
using LeakBench.Reports;

namespace LeakBench.Runs;

/// <summary>
/// run.json, a raw file of every run folder: what the report says about the run that no other raw file holds (the
/// environment block, the command, the margin, the date), and the run's rows in report order, each naming its census
/// file and its BenchmarkDotNet result. The report is a function of this file and the folder's other raw files
/// (<see cref="RunFolderReader"/>); nothing in it is rendered text.
/// </summary>
public sealed record RunManifest
{
    public const string FileName = "run.json";

    /// <summary>The manifest's own layout; a reader refuses a newer one rather than misread it.</summary>
    public const int CurrentSchema = 1;

    public int Schema { get; init; } = CurrentSchema;

    public required StudyEnvironment Environment { get; init; }

    /// <summary>The runtime the runtime comparison divides by (the first of --runtimes); null for the oldest runtime in the rows.</summary>
    public string? BaselineRuntime { get; init; }

    /// <summary>Every row of the report, in the order the run measured them.</summary>
    public required IReadOnlyList<RunRowEntry> Rows { get; init; }

    /// <summary>The leak shapes' compile (its SARIF log is shapes.sarif); null when the run did not compile them.</summary>
    public RunShapes? Shapes { get; init; }

    /// <summary>Why the run is incomplete (Ctrl+C), as its report's banner says; null for a run that ended.</summary>
    public string? Interrupted { get; init; }

    /// <summary>Where a manifest built after the run took its facts from (a run published before run.json existed); null when the run wrote it.</summary>
    public string? MigratedFrom { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    public void Write(string folder) => File.WriteAllText(Path.Combine(folder, FileName), ToJson());

    /// <summary>The folder's manifest; null when it has none. Throws <see cref="RunFolderException"/> for one this code cannot read.</summary>
    public static RunManifest? TryRead(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        RunManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new RunFolderException($"{path} is not a LeakBench run manifest: {e.Message}");
        }

        return manifest switch
        {
            null => throw new RunFolderException($"{path} is empty"),
            { Schema: > CurrentSchema } => throw new RunFolderException($"{path} has schema {manifest.Schema}, newer than this LeakBench's {CurrentSchema}: render it with a newer LeakBench"),
            _ => manifest,
        };
    }
}

/// <summary>One row of a run: who it is, and where its raw figures are.</summary>
/// <param name="Benchmark">The benchmark class, e.g. "DisposeDrainBenchmarks" (a published ID).</param>
/// <param name="Method">The benchmark method (a published ID).</param>
/// <param name="Job">BenchmarkDotNet's job id, e.g. "Quick" or "Publish-net8.0".</param>
/// <param name="RuntimeMoniker">The client runtime's moniker, e.g. "net10.0".</param>
/// <param name="RuntimeName">The client runtime as the reader sees it, e.g. ".NET 10.0.12".</param>
/// <param name="IsBaseline">The group's baseline (the recommended pattern).</param>
/// <param name="CensusFile">The census file's name, under census/.</param>
/// <param name="BenchmarkDotNetCase">The case's DisplayInfo in BenchmarkDotNet's full JSON export: the key to its timing and memory figures.</param>
public sealed record RunRowEntry(string Benchmark, string Method, string Job, string RuntimeMoniker, string RuntimeName, bool IsBaseline, string CensusFile, string BenchmarkDotNetCase);

/// <summary>What the leak shapes' compile was run with: its analyzer packages, or why it did not run.</summary>
public sealed record RunShapes(IReadOnlyList<string> Analyzers, string? NotRun);

/// <summary>A folder that cannot be read or rendered as a run, with the reason a person can act on.</summary>
public sealed class RunFolderException(string message) : Exception(message);
