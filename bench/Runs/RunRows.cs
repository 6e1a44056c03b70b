using System.Globalization;
using BenchmarkDotNet.Environments;
using BenchmarkDotNet.Extensions;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using LeakBench.Cases;
using LeakBench.Census;
using LeakBench.Reports;

namespace LeakBench.Runs;

/// <summary>
/// The study's rows: which cases a run has (from BenchmarkDotNet's summaries, once, into the manifest) and each row
/// built from its raw files: the case as its census file names it, the timing and allocations from BenchmarkDotNet's
/// export, the socket census and the per-request percentiles from the census. The one place a row is made.
/// </summary>
public static class RunRows
{
    /// <summary>The manifest's rows: every case of the summaries that has a census, in the order BenchmarkDotNet reported them.</summary>
    public static IReadOnlyList<RunRowEntry> Entries(IEnumerable<Summary> summaries, IReadOnlyDictionary<BenchmarkCase, CensusResult> census)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        ArgumentNullException.ThrowIfNull(census);
        return summaries.SelectMany(s => s.Reports)
            .Where(report => census.ContainsKey(report.BenchmarkCase)) // failed cases are listed by the study command, not reported as rows
            .Select(report =>
            {
                var c = report.BenchmarkCase;
                var runtime = RuntimeOf(report);
                return new RunRowEntry(c.Descriptor.Type.Name, c.Descriptor.WorkloadMethod.Name, c.Job.Id, runtime.Moniker, runtime.Name, c.Descriptor.Baseline, Diagnostics.CensusDiagnoser.FileNameFor(c), c.DisplayInfo);
            })
            .ToList();
    }

    /// <summary>
    /// The rows of <paramref name="entries"/>: a case BenchmarkDotNet timed, with its figures; a case not timed on purpose
    /// (its census stalled or failed, or its leak can take every slot of its client), with its census's own figures and
    /// the reason; a case that failed otherwise is no row.
    /// </summary>
    public static IReadOnlyList<StudyRow> From(IEnumerable<RunRowEntry> entries, Func<RunRowEntry, CensusResult> census, IReadOnlyDictionary<string, BenchmarkDotNetFigures> benchmarkDotNet)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(census);
        ArgumentNullException.ThrowIfNull(benchmarkDotNet);
        var rows = new List<StudyRow>();
        foreach (var entry in entries)
        {
            var c = census(entry);
            var @case = c.Case ?? throw new RunFolderException($"census/{entry.CensusFile} does not name its case (a run from before census files did)");
            // Per request, from the census: BenchmarkDotNet's percentiles are over iterations of many requests.
            var row = new StudyRow
            {
                Benchmark = entry.Benchmark,
                Method = entry.Method,
                Runtime = new StudyRuntime(entry.RuntimeName, entry.RuntimeMoniker),
                Case = @case,
                IsBaseline = entry.IsBaseline,
                BaselineCase = c.BaselineCase,
                Job = entry.Job,
                CensusFile = entry.CensusFile,
                MeanNs = c.LatencyMeanUs * 1000,
                MedianNs = c.LatencyP50Us * 1000,
                P95Ns = c.LatencyP95Us * 1000,
                P99Ns = c.LatencyP99Us * 1000,
                Census = c,
            };
            if (benchmarkDotNet.GetValueOrDefault(entry.BenchmarkDotNetCase) is not { MeanNs: { } mean } figures)
            {
                // Not timed, on purpose: its census (the successful requests) is its measurement.
                if (NotTimedOnPurposeException.ReasonFor(row.Case, c) is { } reason)
                {
                    rows.Add(row with { NotTimed = reason });
                }

                continue;
            }

            rows.Add(row with
            {
                MeanNs = mean,
                // BenchmarkDotNet's Error column: half the 99.9% confidence interval of the mean.
                ErrorNs = figures.ErrorNs,
                MedianNs = figures.MedianNs ?? mean,
                AllocatedBytesPerRequest = figures.AllocatedBytesPerOperation,
                Gen0Per1k = figures.TotalOperations == 0 ? null : figures.Gen0 * 1000.0 / figures.TotalOperations,
                Gen1Per1k = figures.TotalOperations == 0 ? null : figures.Gen1 * 1000.0 / figures.TotalOperations,
                Gen2Per1k = figures.TotalOperations == 0 ? null : figures.Gen2 * 1000.0 / figures.TotalOperations,
            });
        }

        return rows.Select(row => row with { AllocationRatio = AllocationRatio(row, rows) }).ToList();
    }

    /// <summary>The environment block of a run, from BenchmarkDotNet's own description of the host.</summary>
    public static StudyEnvironment EnvironmentOf(IReadOnlyList<Summary> summaries, string job, string commandLine)
    {
        ArgumentNullException.ThrowIfNull(summaries);
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
            TcpBuffers = TcpBufferLimits.Describe(),
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
