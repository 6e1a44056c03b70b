using System.Text.RegularExpressions;
using BenchmarkDotNet.ConsoleArguments;
using BenchmarkDotNet.ConsoleArguments.ListBenchmarks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;

namespace LeakBench.Cli;

/// <summary>
/// The study's arguments that LeakBench does not own, read by BenchmarkDotNet's own parser (so every option
/// of its console-args guide keeps its meaning and spelling), minus the ones that would bypass what the study
/// rests on. The resulting config is merged into the study's (<see cref="ManualConfig.Union"/>), which keeps
/// the study's diagnosers, the census among them.
/// </summary>
public sealed partial class BenchmarkDotNetOptions
{
    private BenchmarkDotNetOptions(IConfig config, CommandLineOptions options)
    {
        Config = config;
        Options = options;
    }

    /// <summary>The options refused, each with why (checked on the parsed values, so every alias and spelling is caught).</summary>
    public static IReadOnlyList<(string Option, string Why, Func<CommandLineOptions, bool> Given)> Refused { get; } =
    [
        ("--inProcess", "it runs the cases inside this process, and the socket census needs each case in a process of its own that BenchmarkDotNet starts", o => o.RunInProcess),
        ("--cli", "LeakBench picks the dotnet of each client runtime (the installed one, or the repository-local .dotnet/ for --runtimes)", o => o.CliPath is not null),
        ("--runtimes", "use LeakBench's --runtimes, which fetches missing runtimes into the repository-local .dotnet/ (BenchmarkDotNet's -r is the same option)", o => o.Runtimes.Any()),
        ("--artifacts", "use --out: BenchmarkDotNet's files stay in the run folder, where the report and --publish find them", o => o.ArtifactsDirectory is not null),
        ("--coreRun", "a private runtime build is not one of the study's client runtimes", o => o.CoreRunPaths.Count > 0),
        ("--clrVersion", "a private runtime build is not one of the study's client runtimes", o => !string.IsNullOrEmpty(o.ClrVersion)),
        ("--monoPath", "Mono is not one of the study's client runtimes", o => o.MonoPath is not null),
        ("--ilCompilerVersion/--ilcPackages", "NativeAOT is not one of the study's client runtimes", o => !string.IsNullOrEmpty(o.ILCompilerVersion) || o.IlcPackages is not null),
        ("--wasmEngine/--wasmDataDir/--customRuntimePack/--AOTCompilerPath", "WebAssembly and Mono AOT are not study client runtimes", o => o.WasmJavascriptEngine is not null || o.WasmDataDirectory is not null || !string.IsNullOrEmpty(o.CustomRuntimePack) || o.AOTCompilerPath is not null),
        ("--info", "only BenchmarkSwitcher prints it; the report's environment block has the same facts", o => o.PrintInformation),
    ];

    /// <summary>BenchmarkDotNet's config of the pass-through options: jobs, filters, exporters, diagnosers, switches.</summary>
    public IConfig Config { get; }

    public CommandLineOptions Options { get; }

    /// <summary>--job dry|short|medium|long|verylong replaces the study's Quick or Publish job.</summary>
    public bool ReplacesJob => !string.Equals(Options.BaseJob, "Default", StringComparison.OrdinalIgnoreCase);

    /// <summary>The job --job asked for, as BenchmarkDotNet made it.</summary>
    public Job? Job => Config.GetJobs().FirstOrDefault(j => !j.Meta.IsMutator);

    /// <summary>Job settings such as --iterationCount, which BenchmarkDotNet applies to every job of the run.</summary>
    public IEnumerable<Job> Mutators => Config.GetJobs().Where(j => j.Meta.IsMutator);

    public ListBenchmarkCaseMode List => Options.ListBenchmarkCaseMode;

    /// <summary>Parses <paramref name="args"/>; null and a one-line <paramref name="error"/> when BenchmarkDotNet refuses them or LeakBench does.</summary>
    public static BenchmarkDotNetOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var log = new AccumulationLogger();
        var (ok, config, options) = ConfigParser.Parse([.. args], log);
        if (!ok || options is null)
        {
            error = FirstError(log.GetLog(), args);
            return null;
        }

        if (Refused.FirstOrDefault(r => r.Given(options)) is { Option: not null } refused)
        {
            error = $"{refused.Option} is not available in LeakBench: {refused.Why}";
            return null;
        }

        error = null;
        return new BenchmarkDotNetOptions(config, options);
    }

    /// <summary>
    /// BenchmarkDotNet's parser prints "ERROR(S):", the errors, then its whole help: keep the first error, and say
    /// an unknown option the way LeakBench's own parser does.
    /// </summary>
    private static string FirstError(string log, IReadOnlyList<string> args)
    {
        var lines = log.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var start = Array.FindIndex(lines, l => l.StartsWith("ERROR(S)", StringComparison.Ordinal));
        var first = (start >= 0 && start + 1 < lines.Length ? lines[start + 1] : lines.FirstOrDefault()) ?? "BenchmarkDotNet could not parse its options";
        var unknown = UnknownOption().Match(first);
        if (!unknown.Success)
        {
            return $"{first.TrimEnd('.')} (BenchmarkDotNet's options: {StudyOptions.BenchmarkDotNetOptionsUrl})";
        }

        var name = unknown.Groups[1].Value;
        var token = args.FirstOrDefault(a => a.TrimStart('-').Split('=')[0] == name) ?? $"--{name}";
        return $"unknown option '{token}' (neither LeakBench nor BenchmarkDotNet takes it; run with --help)";
    }

    [GeneratedRegex("^Option '(.+)' is unknown")]
    private static partial Regex UnknownOption();
}
