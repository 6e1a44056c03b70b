using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LeakBench.Reports;
using LeakBench.Shapes;

namespace LeakBench.Runs;

/// <summary>
/// run.json for a run published before the manifest existed, built once from what its folder has: the rows from
/// report.csv (each names its census file), each row's BenchmarkDotNet result found in BenchmarkDotNet's JSON by the
/// census file it names, and the environment block read from the old report.md (its only copy). A migration, read this
/// once: afterwards the manifest is the raw file and report.md is rendered from it.
/// </summary>
public static partial class ManifestMigration
{
    /// <exception cref="RunFolderException">The folder lacks what a manifest needs (the message says what).</exception>
    public static RunManifest Build(string folder)
    {
        var report = CsvTable.Read(Path.Combine(folder, StudyReport.CsvFile))
            ?? throw new RunFolderException($"{folder} is not a run folder: it has neither {RunManifest.FileName} nor {StudyReport.CsvFile}");
        var markdownPath = Path.Combine(folder, StudyReport.MarkdownFile);
        var markdown = File.Exists(markdownPath) ? File.ReadAllText(markdownPath).ReplaceLineEndings("\n") : throw new RunFolderException($"{folder} has no {StudyReport.MarkdownFile} to read its environment block from");
        if (!report.Has("census_file"))
        {
            throw new RunFolderException($"{folder} is a run from before census files were named per row: its report cannot be rendered from raw files");
        }

        var keys = BenchmarkDotNetKeys(folder);
        var rows = report.Records.Select((r, i) =>
        {
            var censusFile = report.Field(r, "census_file");
            return new RunRowEntry(
                report.Field(r, "benchmark"), report.Field(r, "method"), report.Field(r, "job"), report.Field(r, "runtime_moniker"), report.Field(r, "runtime"),
                report.Field(r, "baseline") == "true", censusFile,
                keys.GetValueOrDefault(censusFile) ?? throw new RunFolderException($"{StudyReport.CsvFile} row {i + 1}: no case of BenchmarkDotNet's JSON export has the census file {censusFile}"));
        }).ToList();

        var table = EnvironmentTable(markdown);
        string Field(string name) => table.GetValueOrDefault(name) ?? throw new RunFolderException($"{StudyReport.MarkdownFile}'s environment block has no '{name}' row");
        var margin = report.Records.Select(r => report.Field(r, "latency_margin")).FirstOrDefault(m => m.Length > 0);
        var command = Field("Command").Trim('`');
        var environment = new StudyEnvironment
        {
            BenchmarkDotNet = Field("BenchmarkDotNet"),
            Os = Field("OS"),
            Cpu = Field("CPU"),
            Cores = Field("Cores"),
            Runtimes = (table.GetValueOrDefault("Runtime") ?? Field("Runtimes")).Split("; "),
            Sdk = Field("SDK"),
            Job = Field("Job"),
            Date = Field("Date"),
            CommandLine = command,
            Target = table.GetValueOrDefault("Target"),
            SocketTable = table.GetValueOrDefault("Socket table"),
            TcpBuffers = table.GetValueOrDefault("TCP buffers"),
            LatencyMargin = margin is null ? Statistics.PracticalMargin.Default : double.Parse(margin, CultureInfo.InvariantCulture),
        };

        return new RunManifest
        {
            Environment = environment,
            BaselineRuntime = RuntimesOption().Match(command) is { Success: true } runtimes ? runtimes.Groups[1].Value : null,
            Rows = rows,
            Shapes = File.Exists(Path.Combine(folder, ShapeCoverage.SarifFile)) ? new RunShapes(AnalyzersOf(markdown), null) : null,
            MigratedFrom = $"built by `report` from report.csv, BenchmarkDotNet's JSON and the environment block of the report.md it replaced (LeakBench commit {RenderStamp.Commit})",
        };
    }

    /// <summary>Each BenchmarkDotNet case's DisplayInfo by the census file the study named for it (class, method, parameters, job, runtime).</summary>
    private static Dictionary<string, string> BenchmarkDotNetKeys(string folder)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in BenchmarkDotNetResults.Files(folder))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var host = json.RootElement.GetProperty("HostEnvironmentInfo").GetProperty("RuntimeVersion").GetString() ?? "";
            var hostMoniker = HostMoniker().Match(host) is { Success: true } m ? $"net{m.Groups[1].Value}" : "";
            foreach (var benchmark in json.RootElement.GetProperty("Benchmarks").EnumerateArray())
            {
                var display = benchmark.GetProperty("DisplayInfo").GetString()!;
                var job = JobOf().Match(display) is { Success: true } j ? j.Groups[1].Value : "";
                var runtime = RuntimeOfJob().Match(job) is { Success: true } r ? r.Groups[1].Value : hostMoniker;
                var parameters = (benchmark.GetProperty("Parameters").GetString() ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries);
                var name = Diagnostics.CensusDiagnoser.FileNameOf(benchmark.GetProperty("Type").GetString()!, benchmark.GetProperty("Method").GetString()!, parameters, job, runtime);
                keys[name] = display;
            }
        }

        return keys;
    }

    /// <summary>The "## Environment" table of an old report.md: each row's name and value.</summary>
    private static Dictionary<string, string> EnvironmentTable(string markdown)
    {
        var lines = markdown.Split('\n');
        var start = Array.IndexOf(lines, "## Environment");
        if (start < 0)
        {
            throw new RunFolderException($"{StudyReport.MarkdownFile} has no environment block");
        }

        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(start + 1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = line.Trim('|').Split(" | ", 2);
            if (cells.Length == 2)
            {
                table[cells[0].Trim()] = cells[1].Trim();
            }
        }

        return table;
    }

    /// <summary>The analyzer packages the old report names in its analyzer section ("compiled with A 1.0 and B 2.0, ...").</summary>
    private static string[] AnalyzersOf(string markdown) =>
        CompiledWith().Match(markdown) is { Success: true } m
            ? m.Groups[1].Value.Split([" and ", ", "], StringSplitOptions.RemoveEmptyEntries)
            : [];

    [GeneratedRegex(@"^[^:]+: ([^(]+)\(")]
    private static partial Regex JobOf();

    [GeneratedRegex(@"-(net\d+\.\d+)$")]
    private static partial Regex RuntimeOfJob();

    [GeneratedRegex(@"^\.NET (\d+\.\d+)")]
    private static partial Regex HostMoniker();

    [GeneratedRegex(@"--runtimes (net\d+\.\d+)")]
    private static partial Regex RuntimesOption();

    [GeneratedRegex(@"compiled with (.+?), CA2000")]
    private static partial Regex CompiledWith();
}
