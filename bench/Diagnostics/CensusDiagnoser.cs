using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Analysers;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Validators;
using LeakBench.Benchmarks;
using LeakBench.Cases;
using LeakBench.Census;
using LeakBench.Target;

namespace LeakBench.Diagnostics;

/// <summary>
/// Carries each benchmark's case to its process and its socket census back into BenchmarkDotNet's
/// summary. Before a benchmark process starts it names the case, a census file and the target in that
/// process's environment; the process runs the census in its global setup and writes the file;
/// <see cref="ProcessResults"/> reads it back once, into <see cref="Results"/> (the one place the host
/// keeps it: the report reads it there) and as metrics (BenchmarkDotNet's columns are views of it).
/// <paramref name="beforeEachProcess"/>, when given, runs before each benchmark process starts and names the target that
/// process gets: the study restarts nginx there, so that no case finds what an earlier one left on it.
/// </summary>
public sealed partial class CensusDiagnoser(TargetUrls target, Config.StudyProfile profile, CensusSettings settings, string directory, Func<TargetUrls>? beforeEachProcess = null) : IDiagnoser
{
    private readonly ConcurrentDictionary<BenchmarkCase, string> _files = new();
    private readonly ConcurrentDictionary<BenchmarkCase, CensusResult> _results = new();

    public IEnumerable<string> Ids => [nameof(CensusDiagnoser)];

    public IEnumerable<IExporter> Exporters => [];

    public IEnumerable<IAnalyser> Analysers => [];

    /// <summary>Every census read so far, by case (for the study report and its charts).</summary>
    public IReadOnlyDictionary<BenchmarkCase, CensusResult> Results => _results;

    /// <summary>Cases whose telemetry and OS counts disagreed, with what disagreed.</summary>
    public IEnumerable<(BenchmarkCase Case, string Disagreement)> Disagreements =>
        _results.SelectMany(kv => kv.Value.Disagreements.Select(d => (kv.Key, d)));

    public RunMode GetRunMode(BenchmarkCase benchmarkCase) => RunMode.NoOverhead;

    public void Handle(HostSignal signal, DiagnoserActionParameters parameters)
    {
        if (signal != HostSignal.BeforeProcessStart)
        {
            return;
        }

        var file = _files.GetOrAdd(parameters.BenchmarkCase, c => Path.Combine(directory, FileNameFor(c)));
        // Never two cases to one file: the second would overwrite the first's census (as the ids did across runtimes).
        if (_files.FirstOrDefault(kv => kv.Value == file && !ReferenceEquals(kv.Key, parameters.BenchmarkCase)) is { Key: { } other })
        {
            throw new InvalidOperationException($"{parameters.BenchmarkCase.DisplayInfo} and {other.DisplayInfo} would share the census file {file}");
        }

        var environment = parameters.Process.StartInfo.Environment;
        environment[CensusFile.PathVariable] = file;
        var @case = CaseCatalog.Of(parameters.BenchmarkCase);
        environment[CensusFile.RequestsVariable] = CaseCatalog.CensusRequestsOf(parameters.BenchmarkCase, settings.RequestsFor(@case.BodyBytes)).ToString(CultureInfo.InvariantCulture);
        environment[CensusFile.MaxOpenVariable] = settings.MaxOpenSocketsFor(@case.BodyBytes).ToString(CultureInfo.InvariantCulture);
        environment[CensusFile.SocketTableVariable] = settings.SocketTable.Name();
        // The profile decides the cap; the case (and its baseline) the precision target, the block size and the callers.
        var pairing = profile.Pairing.ForCase(@case, CaseCatalog.BaselineOf(parameters.BenchmarkCase), profile.IsPublish, settings.PrecisionOverride);
        environment[CensusFile.PairingSettingsVariable] = System.Text.Json.JsonSerializer.Serialize(pairing);
        environment[CensusFile.LatencyMarginVariable] = settings.LatencyMargin.ToString("R", CultureInfo.InvariantCulture);
        var settle = profile.Settle < settings.MinimumSettle ? settings.MinimumSettle : profile.Settle;
        environment[CensusFile.SettleVariable] = ((long)settle.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        environment[TargetUrls.EnvironmentVariable] = (beforeEachProcess?.Invoke() ?? target).ToReadyLine();
        // The benchmark process cannot tell which method it runs before the first call: the host names its case.
        environment[CaseChannel.Variable] = CaseChannel.Encode(@case, CaseCatalog.BaselineOf(parameters.BenchmarkCase));
        // The GC configuration is a case dimension, applied here to this one process's environment (where its
        // case is named) rather than as a BenchmarkDotNet job: job ids stay Quick / Publish and compose with
        // --runtimes unchanged. The runtime reads DOTNET_gcServer / DOTNET_GCgen0size at start-up, over the
        // runtimeconfig; the census records what the process actually got (server GC or not, gen0 budget).
        foreach (var (name, value) in GcEnvironment.For(@case.GcConfig))
        {
            environment[name] = value;
        }
    }

    /// <summary>
    /// Reads the census of every case that ran one but has no result yet: the cases whose global setup
    /// stopped them on purpose after a stall or a failure, or because their leak can take every slot of the
    /// client (BenchmarkDotNet reports no result for them, so <see cref="ProcessResults"/> may not have seen them). Returns those untimed cases with their reason.
    /// </summary>
    public IReadOnlyList<(BenchmarkCase Case, string Reason)> CollectUntimed()
    {
        var untimed = new List<(BenchmarkCase, string)>();
        foreach (var (benchmarkCase, file) in _files)
        {
            var census = _results.TryGetValue(benchmarkCase, out var known) ? known : CensusFile.TryRead(file);
            if (census is not null && NotTimedOnPurposeException.ReasonFor(CaseCatalog.Of(benchmarkCase), census) is { } reason)
            {
                _results[benchmarkCase] = census;
                untimed.Add((benchmarkCase, reason));
            }
        }

        return untimed;
    }

    public IEnumerable<Metric> ProcessResults(DiagnoserResults results)
    {
        if (!_files.TryGetValue(results.BenchmarkCase, out var file) || CensusFile.TryRead(file) is not { } census)
        {
            return [];
        }

        _results[results.BenchmarkCase] = census;
        return CensusMetric.From(census);
    }

    public void DisplayResults(ILogger logger)
    {
        var disagreements = Disagreements.ToList();
        if (disagreements.Count == 0)
        {
            logger.WriteLineInfo($"// LeakBench census: {_results.Count} case(s); every count confirmed by telemetry and the OS table.");
            return;
        }

        logger.WriteLineError($"// LeakBench census: telemetry and the OS table DISAGREED in {disagreements.Count} count(s):");
        foreach (var (benchmarkCase, what) in disagreements)
        {
            logger.WriteLineError($"//   {benchmarkCase.DisplayInfo}: {what}");
        }
    }

    public IEnumerable<ValidationError> Validate(ValidationParameters validationParameters) => [];

    /// <summary>
    /// The census file of a case: "census-{class}-{method}-{parameters}-{job}-{runtime}.json", so that each row of a run
    /// (a runtime comparison runs every case once per runtime) has a file of its own and the name says whose it is.
    /// The parameters are BenchmarkDotNet's name=value pairs; characters a file name cannot carry become '_'.
    /// </summary>
    public static string FileNameFor(BenchmarkCase benchmarkCase)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var parameters = benchmarkCase.Parameters.Items.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name}={p.Value}"));
        var runtime = benchmarkCase.Job.Environment.Runtime?.MsBuildMoniker ?? "net" + Environment.Version.ToString(2); // the host's own, as the rows name it
        return FileNameOf(benchmarkCase.Descriptor.Type.Name, benchmarkCase.Descriptor.WorkloadMethod.Name, parameters, benchmarkCase.Job.Id, runtime);
    }

    /// <summary>The census file of a case given by its parts: class, method, BenchmarkDotNet's name=value parameters, job id and runtime moniker.</summary>
    public static string FileNameOf(string type, string method, IEnumerable<string> parameters, string job, string runtime)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(runtime);
        var parts = new[] { "census", type, method }
            .Concat(parameters)
            .Append(job)
            .Append(job.EndsWith(runtime, StringComparison.Ordinal) ? null : runtime) // runtime copies of a job carry it in their id
            .OfType<string>();
        return FileNameSafe().Replace(string.Join('-', parts), "_") + ".json";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"[^A-Za-z0-9=._+-]")]
    private static partial System.Text.RegularExpressions.Regex FileNameSafe();
}
