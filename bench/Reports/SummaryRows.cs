using System.Globalization;
using BenchmarkDotNet.Environments;
using BenchmarkDotNet.Extensions;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using LeakBench.Cases;
using LeakBench.Census;

namespace LeakBench.Reports;

/// <summary>
/// BenchmarkDotNet's summaries mapped onto the study's plain rows: the case as the benchmark declares
/// it (<see cref="CaseCatalog"/>), the timing and allocations from BenchmarkDotNet, the socket census
/// and the per-request percentiles from the census.
/// </summary>
public static class SummaryRows
{
    public static IReadOnlyList<StudyRow> From(IEnumerable<Summary> summaries, IReadOnlyDictionary<BenchmarkCase, CensusResult> census)
    {
        var rows = new List<StudyRow>();
        foreach (var report in summaries.SelectMany(s => s.Reports))
        {
            var benchmarkCase = report.BenchmarkCase;
            if (!census.TryGetValue(benchmarkCase, out var c))
            {
                continue; // failed cases are listed by the study command, not reported as rows
            }

            // Per request, from the census: BenchmarkDotNet's percentiles are over iterations of many requests.
            var row = new StudyRow
            {
                Benchmark = benchmarkCase.Descriptor.Type.Name,
                Method = benchmarkCase.Descriptor.WorkloadMethod.Name,
                Runtime = RuntimeOf(report),
                Case = CaseCatalog.Of(benchmarkCase),
                IsBaseline = benchmarkCase.Descriptor.Baseline,
                BaselineCase = CaseCatalog.BaselineOf(benchmarkCase),
                Job = benchmarkCase.Job.Id,
                CensusFile = Diagnostics.CensusDiagnoser.FileNameFor(benchmarkCase),
                MeanNs = c.LatencyMeanUs * 1000,
                MedianNs = c.LatencyP50Us * 1000,
                P95Ns = c.LatencyP95Us * 1000,
                P99Ns = c.LatencyP99Us * 1000,
                Census = c,
            };
            if (report.ResultStatistics is not { } statistics)
            {
                // Not timed, on purpose: the census stalled or failed, or the leak can take every slot of the client;
                // its census (the successful requests) is its measurement.
                if (Census.NotTimedOnPurposeException.ReasonFor(row.Case, c) is { } reason)
                {
                    rows.Add(row with { NotTimed = reason });
                }

                continue;
            }

            var gc = report.GcStats;
            rows.Add(row with
            {
                MeanNs = statistics.Mean,
                // BenchmarkDotNet's Error column: half the 99.9% confidence interval of the mean.
                ErrorNs = statistics.GetConfidenceInterval(Perfolizer.Mathematics.Common.ConfidenceLevel.L999).Margin is var error && double.IsFinite(error) ? error : null,
                MedianNs = statistics.Median,
                AllocatedBytesPerRequest = gc.GetBytesAllocatedPerOperation(benchmarkCase),
                Gen0Per1k = gc.TotalOperations == 0 ? null : gc.Gen0Collections * 1000.0 / gc.TotalOperations,
                Gen1Per1k = gc.TotalOperations == 0 ? null : gc.Gen1Collections * 1000.0 / gc.TotalOperations,
                Gen2Per1k = gc.TotalOperations == 0 ? null : gc.Gen2Collections * 1000.0 / gc.TotalOperations,
            });
        }

        return rows.Select(row => row with { AllocationRatio = AllocationRatio(row, rows) }).ToList();
    }

    /// <summary>The environment block of a run, from BenchmarkDotNet's own description of the host.</summary>
    public static StudyEnvironment EnvironmentOf(IReadOnlyList<Summary> summaries, string job, string commandLine)
    {
        var host = summaries[0].HostEnvironmentInfo;
        // BenchmarkDotNet's own environment lines: "BenchmarkDotNet v0.15.8, <OS>" and then the CPU.
        var lines = host.ToFormattedString().ToList();
        return new StudyEnvironment
        {
            BenchmarkDotNet = "v" + host.BenchmarkDotNetVersion,
            Os = lines[0].Split(", ", 2) is [_, var os] ? os : lines[0],
            Cpu = lines.Count > 1 ? lines[1] : "unknown",
            Cores = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} logical"),
            Runtimes = summaries.SelectMany(s => s.Reports).Select(RuntimeOf).Select(r => r.Name).Distinct().DefaultIfEmpty(host.RuntimeVersion).ToList(),
            Sdk = host.DotNetSdkVersion.Value,
            Job = job,
            Date = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            CommandLine = commandLine,
            Target = $"LeakBench.Server (Kestrel) on .NET {Environment.Version}, its own process on loopback, the same for every client runtime",
            TcpBuffers = Census.TcpBufferLimits.Describe(),
        };
    }

    private static double? AllocationRatio(StudyRow row, IReadOnlyList<StudyRow> rows) =>
        AaCheck.GroupBaseline(row, rows) is { AllocatedBytesPerRequest: > 0 and var baseline }
        && row.AllocatedBytesPerRequest is { } allocated
            ? allocated / baseline
            : null;

    private static StudyRuntime RuntimeOf(BenchmarkReport report)
    {
        var info = report.GetRuntimeInfo() ?? HostEnvironmentInfo.GetCurrent().RuntimeVersion;
        var name = info.Split(" (", 2)[0];
        var moniker = report.BenchmarkCase.Job.Environment.Runtime?.MsBuildMoniker
            ?? "net" + Environment.Version.ToString(2);
        return new StudyRuntime(name, moniker);
    }
}
