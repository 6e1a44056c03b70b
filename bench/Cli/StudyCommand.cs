using System.Globalization;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using LeakBench.Benchmarks;
using LeakBench.Census;
using LeakBench.Config;
using LeakBench.Diagnostics;
using LeakBench.Reports;
using LeakBench.Seed;
using LeakBench.Target;

namespace LeakBench.Cli;

/// <summary><c>study</c> (the default): the dispose x drain matrix and the framing cases under BenchmarkDotNet.</summary>
public static class StudyCommand
{
    /// <summary>The benchmark classes of the study, in the order they run.</summary>
    public static readonly Type[] BenchmarkTypes = [typeof(DisposeDrainBenchmarks), typeof(FramingBenchmarks), typeof(Http2Benchmarks), typeof(ConnectionLimitBenchmarks), typeof(FdLimitBenchmarks), typeof(TlsBenchmarks), typeof(LifetimeBenchmarks)];

    private const string NoBenchmarkMatched = "leakbench: no benchmark matched (check --filter; the full names look like '*DisposeDrainBenchmarks.Disposed_Unread*')";

    public static async Task<int> RunAsync(StudyOptions options)
    {
        var folder = RunFolder.Create(options.OutputDirectory, "study-");
        var job = options.Full ? StudyJobs.Publish : StudyJobs.Quick;
        IReadOnlyList<Job> jobs = [job];
        if (options.Runtimes.Count > 0)
        {
            jobs = RuntimeJobs.For(job, options.Runtimes, await DotnetRoot.EnsureAsync(options.Runtimes));
        }

        SeedResult? seed = null;
        if (options.WithSeed)
        {
            seed = (await SeedCommand.RunWithResultAsync(options with { OutputDirectory = folder })).Result;
            if (seed is null)
            {
                Console.Error.WriteLine("leakbench: the seed reproduction failed; the study goes on without it");
            }
        }

        Console.WriteLine($"leakbench: study with the {job.Id} job, {options.CensusRequests} census requests per case; writing to {folder}");
        using var target = await TargetServer.StartAsync(new TargetServerOptions { LogDirectory = folder });
        Console.WriteLine($"leakbench: target {target.Urls.ToReadyLine()} (on .NET {Environment.Version}, whatever the client runtime)");
        var census = new CensusDiagnoser(target.Urls, new CensusSettings { Requests = options.CensusRequests, SocketTable = options.SocketTable }, Path.Combine(folder, "census"));
        var config = StudyConfig.Create(jobs, census, Path.Combine(folder, "bdn"), options.Filters);

        // Only the classes that still have cases after --filter: an empty class would print an empty table.
        var runs = BenchmarkTypes.Select(t => BenchmarkConverter.TypeToBenchmarks(t, config)).Where(r => r.BenchmarksCases.Length > 0).ToArray();
        if (runs.Length == 0)
        {
            Console.Error.WriteLine(NoBenchmarkMatched);
            return 2;
        }

        var summaries = BenchmarkRunner.Run(runs);
        var exitCode = Conclude(summaries, census, folder);

        var rows = SummaryRows.From(summaries, census.Results);
        if (rows.Count == 0)
        {
            Console.Error.WriteLine("leakbench: no case produced a result, so there is no report");
            return exitCode == 0 ? 1 : exitCode;
        }

        var environment = SummaryRows.EnvironmentOf(summaries, string.Join(", ", jobs.Select(j => j.Id)), "leakbench " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1))) with { SocketTable = options.SocketTable.Describe() };
        var report = StudyReport.Write(folder, environment, rows, seed, baselineRuntime: options.Runtimes.Count > 0 ? options.Runtimes[0] : null);
        if (options.Publish && exitCode != 0)
        {
            Console.Error.WriteLine($"leakbench: NOT published: the run had failed cases or census disagreements (see above); its files stay in {folder}");
        }
        else if (options.Publish)
        {
            var published = Publisher.Publish(folder, Path.Combine(RunFolder.RepoRoot(), "results"), DateTime.UtcNow, environment.Os, environment.Cpu, options.Runtimes.Count > 1 ? "runtimes" : null);
            Console.WriteLine($"leakbench: published to {published}");
        }

        Console.WriteLine($"leakbench: report {report}");
        return exitCode;
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
