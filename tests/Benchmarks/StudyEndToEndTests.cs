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
public sealed class StudyEndToEndTests
{
    [Fact]
    public async Task One_leaking_case_on_the_dry_job_has_the_census_columns_with_sane_values()
    {
        var folder = Directory.CreateTempSubdirectory("leakbench-e2e-").FullName;
        try
        {
            using var target = await TargetServer.StartAsync(new TargetServerOptions { LogDirectory = folder });
            var census = new CensusDiagnoser(target.Urls, new CensusSettings { Requests = 50, TrajectoryStep = 10 }, Path.Combine(folder, "census"));
            var config = StudyConfig.Create(
                [Job.Dry.WithId("Dry")],
                census,
                Path.Combine(folder, "bdn"),
                ["*DisposeDrainBenchmarks.Undisposed_Unread(Completion: ResponseHeadersRead, BodyBytes: 1024)"]);

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

/// <summary>BenchmarkDotNet runs build and start processes: one at a time.</summary>
[CollectionDefinition(nameof(OneBenchmarkRunAtATime), DisableParallelization = true)]
public sealed class OneBenchmarkRunAtATime;
