using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using LeakBench.Benchmarks;
using LeakBench.Census;
using LeakBench.Config;
using LeakBench.Diagnostics;
using LeakBench.Target;

namespace LeakBench.Tests.Benchmarks;

/// <summary>
/// The real BenchmarkDotNet engine, out of process, on its smallest job, for one leaking case: the
/// census columns must be in the summary and in the exported CSV, with the values the case implies.
/// </summary>
[Collection(nameof(OneBenchmarkRunAtATime))]
[Trait("Category", "Slow")]
public sealed class StudyEndToEndTests
{
    [Fact]
    public async Task One_leaking_case_on_the_dry_job_has_the_census_columns_with_sane_values()
    {
        var folder = Directory.CreateTempSubdirectory("leakbench-e2e-").FullName;
        try
        {
            using var target = await TargetServer.StartAsync(new TargetServerOptions { LogDirectory = folder });
            var census = new CensusDiagnoser(target.Urls, StudyProfile.Publish, new CensusSettings { Requests = 50, TrajectoryStep = 10 }, Path.Combine(folder, "census"));
            var config = StudyConfig.Create(
                // A large gen0 budget in the benchmark process: the known answer is about the columns, and a GC during
                // the 50 requests would close the leak before it is counted.
                [Job.Dry.WithEnvironmentVariable("DOTNET_GCgen0size", "0x10000000").WithId("Dry")],
                census,
                Path.Combine(folder, "bdn"),
                ["*DisposeDrainBenchmarks.Undisposed_Unread(Completion: ResponseHeadersRead, BodyBytes: 1024)"],
                BenchmarkDotNet.Loggers.ConsoleLogger.Default);

            var run = BenchmarkConverter.TypeToBenchmarks(typeof(DisposeDrainBenchmarks), config);
            Assert.Single(run.BenchmarksCases);
            var summary = BenchmarkRunner.Run(run);

            var report = Assert.Single(summary.Reports);
            Assert.True(report.Success, "the benchmark run failed");
            var metrics = report.Metrics.Values.ToDictionary(m => m.Descriptor.DisplayName, m => m.Value);
            Assert.Equal(50, metrics["CensusN"]);
            Assert.Equal(1000, metrics["Conn/1k"]); // undisposed and unread: a new connection per request
            Assert.InRange(metrics["PeakOpen"], 1, 50);
            Assert.InRange(metrics["Leaked"], 1, 50);
            Assert.Equal(0, metrics["AfterGC"]); // a full GC closes them all
            Assert.Equal(0, metrics["Disagree"]);
            Assert.True(metrics["ReqP99[us]"] >= metrics["ReqP50[us]"]);

            var headers = summary.Table.FullHeader;
            foreach (var column in CensusMetric.All.Select(m => m.DisplayName))
            {
                Assert.Contains(column, headers);
            }

            var csv = Directory.GetFiles(Path.Combine(folder, "bdn", "results"), "*-report.csv").Single();
            var csvHeader = File.ReadLines(csv).First();
            Assert.Contains("Conn/1k", csvHeader, StringComparison.Ordinal);
            Assert.Contains("AfterGC", csvHeader, StringComparison.Ordinal);
            Assert.Single(Directory.GetFiles(Path.Combine(folder, "bdn", "results"), "*-report-github.md"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>
/// The runtime comparison end to end: one case on the smallest job, on .NET 8 (from the repository-local
/// dotnet root, made from NuGet when the machine lacks it) and on .NET 10, against one .NET 10 target.
/// </summary>
[Collection(nameof(OneBenchmarkRunAtATime))]
[Trait("Category", "Slow")]
public sealed class RuntimeComparisonEndToEndTests
{
    [Fact]
    public async Task One_case_on_two_runtimes_gives_a_row_for_each_with_the_census_filled()
    {
        var folder = Directory.CreateTempSubdirectory("leakbench-runtimes-").FullName;
        try
        {
            string[] runtimes = ["net8.0", "net10.0"];
            var cli = await LeakBench.RuntimePairing.DotnetRoot.EnsureAsync(runtimes);
            using var target = await TargetServer.StartAsync(new TargetServerOptions { LogDirectory = folder });
            var census = new CensusDiagnoser(target.Urls, StudyProfile.Publish, new CensusSettings { Requests = 50, TrajectoryStep = 10 }, Path.Combine(folder, "census"));
            var config = StudyConfig.Create(
                RuntimeJobs.For(Job.Dry.WithId("Dry"), runtimes, cli),
                census,
                Path.Combine(folder, "bdn"),
                ["*DisposeDrainBenchmarks.Disposed_ReadToEnd(Completion: ResponseHeadersRead, BodyBytes: 1024)"],
                BenchmarkDotNet.Loggers.ConsoleLogger.Default);

            var summary = BenchmarkRunner.Run(BenchmarkConverter.TypeToBenchmarks(typeof(DisposeDrainBenchmarks), config));
            // The rows as the study reads them back: the manifest's entries, the census files and BenchmarkDotNet's JSON export.
            var manifest = new LeakBench.Runs.RunManifest { Environment = LeakBench.Runs.RunRows.EnvironmentOf([summary], "Dry", "test"), Rows = LeakBench.Runs.RunRows.Entries([summary], census.Results) };
            var rows = LeakBench.Runs.RunFolderReader.Read(folder, manifest).Rows;

            Assert.Equal(2, summary.Reports.Length);
            Assert.All(summary.Reports, r => Assert.True(r.Success, r.BenchmarkCase.DisplayInfo));
            Assert.Equal(["net10.0", "net8.0"], rows.Select(r => r.Runtime.Moniker).Order());
            Assert.Contains(rows, r => r.Runtime.Name.StartsWith(".NET 8.0.", StringComparison.Ordinal));
            Assert.All(rows, r =>
            {
                Assert.Equal(50, r.Census.Succeeded);
                Assert.Equal(1, r.Census.ConnectionsOpened); // disposed and read to the end: one reused connection
                Assert.Empty(r.Census.Disagreements);
                Assert.True(r.Census.Threads > 0);
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>BenchmarkDotNet runs build and start processes: one at a time.</summary>
[CollectionDefinition(nameof(OneBenchmarkRunAtATime), DisableParallelization = true)]
public sealed class OneBenchmarkRunAtATime;
