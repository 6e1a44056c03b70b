using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.ConsoleArguments.ListBenchmarks;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using LeakBench.Benchmarks;
using LeakBench.Census;
using LeakBench.Config;
using LeakBench.Diagnostics;
using LeakBench.Processes;
using LeakBench.Reports;
using LeakBench.Runs;
using LeakBench.RuntimePairing;
using LeakBench.Seed;
using LeakBench.Shapes;
using LeakBench.Target;
using Perfolizer.Mathematics.OutlierDetection;

namespace LeakBench.Cli;

/// <summary><c>study</c> (the default): the dispose x drain matrix and the framing cases under BenchmarkDotNet.</summary>
public static class StudyCommand
{
    /// <summary>The benchmark classes of the study, in the order they run.</summary>
    public static readonly Type[] BenchmarkTypes = [typeof(DisposeDrainBenchmarks), typeof(FramingBenchmarks), typeof(Http2Benchmarks), typeof(ConnectionLimitBenchmarks), typeof(FdLimitBenchmarks), typeof(TlsBenchmarks), typeof(LifetimeBenchmarks)];

    /// <summary>How long a --target's control port gets to answer before the run stops (exit 2).</summary>
    private static readonly TimeSpan RemoteTargetTimeout = TimeSpan.FromSeconds(5);

    private const string NoBenchmarkMatched = "leakbench: no benchmark matched (check --filter; the full names look like '*DisposeDrainBenchmarks.Disposed_Unread*'; --list flat lists them)";

    public static async Task<int> RunAsync(StudyOptions options)
    {
        var bdn = BenchmarkDotNetOptions.Parse(options.BenchmarkDotNetArguments, out var bdnError);
        var conflict = bdn is null ? bdnError
            : bdn.ReplacesJob && options.Full ? "--job and --full both pick the job: give one"
            : bdn.ReplacesJob && options.Runtimes.Count > 0 ? "--job with --runtimes is not available: the runtime comparison makes its jobs from the Quick or Publish job (--iterationCount and the like do apply)"
            : null;
        if (bdn is null || conflict is not null)
        {
            Console.Error.WriteLine($"leakbench: {conflict}");
            return 2;
        }

        // The selection (--filter and BenchmarkDotNet's category filters) is known before anything starts.
        var selection = ManualConfig.Union(FilterConfig(options.Filters), bdn.Config);
        var selected = BenchmarkTypes.Select(t => BenchmarkConverter.TypeToBenchmarks(t, selection)).Where(r => r.BenchmarksCases.Length > 0).ToArray();
        if (bdn.List != ListBenchmarkCaseMode.Disabled)
        {
            Console.Write(CaseList.Format(CaseList.Names(selected), bdn.List));
            return 0;
        }

        if (selected.Length == 0)
        {
            Console.Error.WriteLine(NoBenchmarkMatched);
            return 2;
        }

        // nginx (--server nginx) is there, or the run stops here, before anything is written or started.
        if (options.Server == TargetUrls.Nginx && NginxServer.Unavailable(out _) is { } noNginx)
        {
            Console.Error.WriteLine($"leakbench: {noNginx}");
            return 2;
        }

        var folder = RunFolder.PathOf(options.OutputDirectory, "study-");
        if ((Preflight.CheckOutputFolder(folder) ?? Preflight.CheckFileLimit(Preflight.FilesNeeded(options.CensusRequests))) is { } notReady)
        {
            Console.Error.WriteLine($"leakbench: {notReady}");
            return 2;
        }

        // A target on another machine answers now, or the run stops here: before the seed, the target and BenchmarkDotNet's build.
        TargetUrls? remote = null;
        if (options.Target is { } control)
        {
            try
            {
                remote = await TargetControl.ReadUrlsAsync(control, RemoteTargetTimeout);
            }
            catch (TargetStartException e)
            {
                Console.Error.WriteLine($"leakbench: {e.Message}");
                return 2;
            }
        }

        using var interruption = new Interruption();
        var profile = options.Profile;
        var job = bdn.ReplacesJob ? null : profile.Job;
        IReadOnlyList<Job> jobs = job is null ? [] : [job];
        if (job is not null && options.Runtimes.Count > 0)
        {
            jobs = RuntimeJobs.For(job, options.Runtimes, await DotnetRoot.EnsureAsync(options.Runtimes));
        }

        SeedResult? seed = null;
        if (options.WithSeed)
        {
            seed = (await SeedCommand.RunWithResultAsync(options with { OutputDirectory = folder })).Result;
            if (seed is null && !interruption.IsRequested)
            {
                Console.Error.WriteLine("leakbench: the seed reproduction failed; the study goes on without it");
            }
        }

        if (interruption.IsRequested)
        {
            Console.Error.WriteLine("leakbench: INCOMPLETE: interrupted before the first case; nothing measured");
            return Interruption.ExitCode;
        }

        var jobName = job is null ? $"{bdn.Options.BaseJob} (BenchmarkDotNet's --job)" : $"the {job.Id} job";
        Console.WriteLine($"leakbench: study with {jobName}, {options.CensusRequests} census requests per case{(options.LargeBodyCensusRequests != options.CensusRequests ? $" ({options.LargeBodyCensusRequests} for bodies of 1 MiB or more)" : "")}; writing to {folder}");
        using var nginx = options.Server == TargetUrls.Nginx ? await NginxTarget.StartAsync(folder, selected, options) : null;
        using var local = remote is null && nginx is null ? await TargetServer.StartAsync(new TargetServerOptions { LogDirectory = folder }) : null;
        var urls = nginx?.Urls ?? local?.Urls ?? remote!;
        Console.WriteLine(nginx is not null ? $"leakbench: target {urls.ToReadyLine()} ({nginx.Describe()}; restarted before each case)"
            : local is not null ? $"leakbench: target {urls.ToReadyLine()} (on .NET {Environment.Version}, whatever the client runtime)"
            : $"leakbench: remote target {urls.ToReadyLine()} (started elsewhere; this run neither starts nor stops it)");
        var census = new CensusDiagnoser(urls, profile, new CensusSettings { Requests = options.CensusRequests, LargeBodyRequests = options.LargeBodyCensusRequests, SocketTable = options.SocketTable, LatencyMargin = options.Margin, PrecisionOverride = options.Precision, MinimumSettle = NginxTarget.MinimumSettleOf(options) }, Path.Combine(folder, "census"), NginxTarget.BeforeEachProcess(nginx));
        var finished = new FinishedCases();
        using var progress = StudyProgress.ForConsole();
        var config = StudyConfig.Create(jobs, census, Path.Combine(folder, "bdn"), options.Filters, progress).AddEventProcessor(finished).AddEventProcessor(progress);
        if (bdn.ReplacesJob && bdn.Options.Outliers == OutlierMode.RemoveUpper)
        {
            // BenchmarkDotNet's named jobs drop upper outliers; the study keeps them (network tails are the story) unless --outliers says otherwise.
            config.AddJob(Job.Default.WithOutlierMode(OutlierMode.DontRemove).AsMutator());
        }

        var merged = ManualConfig.Union(config, bdn.Config);
        var runs = BenchmarkTypes.Select(t => BenchmarkConverter.TypeToBenchmarks(t, merged)).Where(r => r.BenchmarksCases.Length > 0).ToArray();
        var total = runs.Sum(r => r.BenchmarksCases.Length);

        // BenchmarkRunner blocks and has no cancel API: it runs on its own thread while this one waits for it or for Ctrl+C.
        var run = Task.Run(() => BenchmarkRunner.Run(runs));
        var first = await Task.WhenAny(run, interruption.Requested);
        progress.Finish();
        if (first != run)
        {
            finished.Stop();
            local?.Dispose();
            nginx?.Dispose();
            return KeepInterrupted(finished.Summaries(runs, Path.Combine(folder, "bdn", "results")), census, folder, options, total, nginx);
        }

        var summaries = await run;
        var exitCode = Conclude(summaries, census, folder);
        var entries = RunRows.Entries(summaries, census.Results);
        if (entries.Count == 0)
        {
            Console.Error.WriteLine("leakbench: no case produced a result, so there is no report");
            return exitCode == 0 ? 1 : exitCode;
        }

        // After the measurements, so that the compile disturbs none of them; a failed compile is reported, not fatal.
        var shapes = await ShapeCompiler.RunAsync(LeakShapeCatalog.ProjectDirectory, Path.Combine(folder, ShapeCoverage.SarifFile));
        Console.WriteLine(shapes.NotRun is null ? $"leakbench: leak shapes analysed ({string.Join(", ", shapes.Analyzers)})" : $"leakbench: leak shapes not analysed: {shapes.NotRun}");
        var manifest = ManifestOf(summaries, entries, options, nginx) with { Shapes = new RunShapes(shapes.Analyzers, shapes.NotRun) };
        manifest.Write(folder);
        // The report is rendered from the folder's raw files, as `report` renders it: the rows too come from there.
        var data = RunFolderReader.Read(folder, manifest);
        if (data.Rows.Count == 0)
        {
            Console.Error.WriteLine("leakbench: no case produced a result, so there is no report");
            return exitCode == 0 ? 1 : exitCode;
        }

        // The benchmarks are measured by now: a runtime pairing that cannot start (no runtime build, no dotnet root) is
        // reported, and the report is written without it, never lost.
        IReadOnlyList<LeakBench.RuntimePairing.RuntimeCaseComparison> runtimePairs;
        try
        {
            runtimePairs = await LeakBench.RuntimePairing.RuntimePairStudy.RunAsync(folder, urls, data.Rows, options.Runtimes, profile.RuntimePairing);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception or TimeoutException)
        {
            Console.Error.WriteLine($"leakbench: runtime pairing not run: {e.Message}");
            runtimePairs = [];
        }

        // Kept whenever the pairing wrote its block pairs, even none: a folder with runtime_pairs.csv and no comparisons
        // file reads as a run from before the file existed, whose report cannot be rendered again.
        if (runtimePairs.Count > 0 || File.Exists(Path.Combine(folder, LeakBench.RuntimePairing.RuntimePairsCsv.FileName)))
        {
            LeakBench.RuntimePairing.RuntimeComparisonsFile.Write(folder, runtimePairs);
        }

        var report = ReportRenderer.Write(data with { RuntimePairs = runtimePairs }, folder);
        if (options.Publish && exitCode != 0)
        {
            Console.Error.WriteLine($"leakbench: NOT published: the run had failed cases or census disagreements (see above); its files stay in {folder}");
        }
        else if (options.Publish)
        {
            var environment = manifest.Environment;
            var published = Publisher.Publish(folder, Path.Combine(Repository.Root(), "results"), DateTime.UtcNow, environment.Os, environment.Cpu, options.Runtimes.Count > 1 ? "runtimes" : null);
            Console.WriteLine($"leakbench: published to {published}");
        }

        Console.WriteLine($"leakbench: report {report}");
        return exitCode;
    }

    /// <summary>The first Ctrl+C: the report of the cases measured so far, under a banner that says so; never published.</summary>
    private static int KeepInterrupted(IReadOnlyList<Summary> summaries, CensusDiagnoser census, string folder, StudyOptions options, int total, NginxServer? nginx)
    {
        var measured = summaries.Sum(s => s.Reports.Count(r => r.Success));
        var banner = $"INCOMPLETE: interrupted after {measured} of {total} cases";
        var entries = RunRows.Entries(summaries, census.Results);
        if (measured == 0 || entries.Count == 0)
        {
            Console.Error.WriteLine($"leakbench: {banner}; nothing to report (census files, if any, in {Path.Combine(folder, "census")})");
            return Interruption.ExitCode;
        }

        // BenchmarkDotNet exports a summary only when its run ends: the cases that finished get their JSON here, the
        // raw file the report reads their timing from.
        foreach (var summary in summaries)
        {
            _ = BenchmarkDotNet.Exporters.Json.JsonExporter.Full.ExportToFiles(summary, BenchmarkDotNet.Loggers.NullLogger.Instance).ToList();
        }

        var manifest = ManifestOf(summaries, entries, options, nginx) with { Interrupted = banner };
        manifest.Write(folder);
        var data = RunFolderReader.Read(folder, manifest);
        if (data.Rows.Count == 0)
        {
            Console.Error.WriteLine($"leakbench: {banner}; nothing to report (census files, if any, in {Path.Combine(folder, "census")})");
            return Interruption.ExitCode;
        }

        var report = ReportRenderer.Write(data, folder);
        Console.Error.WriteLine($"leakbench: {banner}; the report of what was measured: {report}{(options.Publish ? " (NOT published: the run is incomplete)" : string.Empty)}");
        return Interruption.ExitCode;
    }

    /// <summary>The run's manifest: its environment block, the runtime the comparison divides by and its rows.</summary>
    private static RunManifest ManifestOf(IReadOnlyList<Summary> summaries, IReadOnlyList<RunRowEntry> entries, StudyOptions options, NginxServer? nginx) => new()
    {
        Environment = NginxTarget.Describe(RunRows.EnvironmentOf(summaries, JobNames(summaries), "leakbench " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1))) with { SocketTable = options.SocketTable.Describe(), LatencyMargin = options.Margin }, nginx),
        BaselineRuntime = options.Runtimes.Count > 0 ? options.Runtimes[0] : null,
        Rows = entries,
    };

    private static string JobNames(IReadOnlyList<Summary> summaries) =>
        string.Join(", ", summaries.SelectMany(s => s.BenchmarksCases).Select(c => c.Job.ResolvedId).Distinct());

    private static ManualConfig FilterConfig(IReadOnlyList<string> filters)
    {
        var config = ManualConfig.CreateEmpty();
        if (filters.Count > 0)
        {
            config.AddFilter(new GlobFilter([.. filters]));
        }

        return config;
    }

    /// <summary>Says where everything went and turns failures and disagreements into a non-zero exit.</summary>
    public static int Conclude(IReadOnlyList<Summary> summaries, CensusDiagnoser census, string folder)
    {
        var reports = summaries.SelectMany(s => s.Reports).ToList();
        var cases = summaries.Sum(s => s.BenchmarksCases.Length);
        if (cases == 0)
        {
            Console.Error.WriteLine(NoBenchmarkMatched);
            return 2;
        }

        // --- Stalls and failures (issue 10): a case whose census stalled or failed is measured by its census
        // and not timed, on purpose; it is not a failed case (exit 0, publishable). ---
        var untimed = census.CollectUntimed();
        var untimedCases = untimed.Select(u => u.Case).ToHashSet();
        foreach (var (c, reason) in untimed)
        {
            Console.WriteLine($"leakbench: {c.DisplayInfo}: {reason}");
        }

        var failed = summaries.SelectMany(s => s.BenchmarksCases.Where(c => s[c] is not { Success: true, ResultStatistics: not null } && !untimedCases.Contains(c))).ToList();
        Console.WriteLine();
        Console.WriteLine($"leakbench: {cases - failed.Count} of {cases} case(s) measured ({untimed.Count} by their census alone); reports in {Path.Combine(folder, "bdn", "results")}");
        Console.WriteLine($"leakbench: census files in {Path.Combine(folder, "census")}");

        var exitCode = 0;
        if (failed.Count > 0)
        {
            Console.Error.WriteLine($"leakbench: {failed.Count} case(s) FAILED (no result); what was measured is kept:");
            foreach (var c in failed)
            {
                Console.Error.WriteLine($"leakbench:   {c.DisplayInfo}");
            }

            exitCode = 1;
        }

        var missingCensus = reports.Where(r => r.Success && !census.Results.ContainsKey(r.BenchmarkCase)).ToList();
        if (missingCensus.Count > 0)
        {
            Console.Error.WriteLine($"leakbench: {missingCensus.Count} case(s) have no census; their census columns are empty");
            exitCode = 1;
        }

        var disagreements = census.Disagreements.ToList();
        if (disagreements.Count > 0)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"leakbench: TELEMETRY AND THE OS SOCKET TABLE DISAGREED in {disagreements.Count} count(s); the census columns of those cases are not confirmed:"));
            foreach (var (c, what) in disagreements)
            {
                Console.Error.WriteLine($"leakbench:   {c.DisplayInfo}: {what}");
            }

            exitCode = exitCode == 0 ? 3 : exitCode;
        }

        return exitCode;
    }
}
