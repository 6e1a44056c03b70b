using LeakBench.Cases;
using LeakBench.Census;
using LeakBench.Pairing;
using LeakBench.Reports;
using LeakBench.Statistics;
using LeakBench.Tests.Reports;

namespace LeakBench.Tests.Verify;

/// <summary>
/// A small run folder of raw files (census/, BenchmarkDotNet's JSON, run.json) and the report the study's renderer
/// makes from them (report.md, report.csv, pairs.csv, aa.csv), from rows built here: two groups with their A/A checks, a case in each, and a 2 MiB case whose group has no baseline row (its
/// margin falls back to the run's widest A/A). The block latencies are made up; everything else is computed from them.
/// </summary>
public static class VerifyRunFolder
{
    private static readonly StudyCase HeadersBaselineCase = ReportSamples.Leaking.BaselineCase!;

    public static IReadOnlyList<StudyRow> Rows { get; } =
    [
        Paired(ReportSamples.Baseline, 0, 1.0, 0.03),
        Paired(ReportSamples.Reused, 1, 1.01, 0.04),
        Paired(ReportSamples.Baseline with { Case = HeadersBaselineCase, BaselineCase = HeadersBaselineCase }, 2, 1.0, 0.08),
        Paired(ReportSamples.Leaking, 3, 2.4, 0.05),
        Paired(ReportSamples.Closing, 4, 0.4, 0.1),
    ];

    /// <summary>Writes the run into a new folder under the temp folder and returns its path.</summary>
    public static string Write() => Write(Rows);

    /// <summary>
    /// The run with a cross-runtime pairing: the leak's row (report.csv row 4, on .NET 10) paired against .NET 8 as the
    /// reference runtime, 3 process pairs of 8 block pairs with .NET 10 about 0.9 times .NET 8, in runtime_pairs.csv.
    /// </summary>
    public static string WriteWithRuntimePairs()
    {
        var leak = Rows[3];
        var blockPairs = Enumerable.Range(0, 3).SelectMany(pp => Enumerable.Range(0, 8).Select(b =>
        {
            var reference = 150.0 + (5 * b) + (11 * pp);
            var runtime = reference * 0.9 * (1 + (0.02 * (((b * 3) + pp) % 5 - 2)));
            return new LeakBench.RuntimePairing.RuntimeBlockPair(pp, b, b % 2 == 0, new LeakBench.RuntimePairing.BlockResult(runtime, runtime * 1.5, 0, 0, 0), new LeakBench.RuntimePairing.BlockResult(reference, reference * 1.5, 1, 0, 0));
        })).ToList();
        var logs = LeakBench.RuntimePairing.RuntimePairRun.ProcessPairLogs(blockPairs);
        var run = new LeakBench.RuntimePairing.RuntimePairRun(leak.Runtime.Moniker, "net8.0", blockPairs, logs, LeakBench.RuntimePairing.RuntimePairRun.RatioOf(blockPairs),
            LeakBench.RuntimePairing.RuntimePairingStop.ProcessPairCeiling, TimeSpan.FromSeconds(9));
        var comparison = new LeakBench.RuntimePairing.RuntimeCaseComparison(leak.Benchmark, leak.Method, leak.Case, leak.Runtime.Moniker, "net8.0", IsAa: false, run, Failure: null);
        var folder = NewFolder();
        // The study's order: the comparisons are raw files before the report is rendered from the folder.
        Directory.CreateDirectory(folder);
        LeakBench.RuntimePairing.RuntimeComparisonsFile.Write(folder, [comparison]);
        File.WriteAllText(Path.Combine(folder, LeakBench.RuntimePairing.RuntimePairsCsv.FileName), LeakBench.RuntimePairing.RuntimePairsCsv.Write([comparison]));
        LeakBench.Tests.Support.RunFolderSamples.Write(folder, ReportSamples.Environment, Rows);
        return folder;
    }

    private static string Write(IReadOnlyList<StudyRow> rows)
    {
        var folder = NewFolder();
        LeakBench.Tests.Support.RunFolderSamples.Write(folder, ReportSamples.Environment, rows);
        return folder;
    }

    private static string NewFolder() => Path.Combine(Path.GetTempPath(), "leakbench-verify-" + Guid.NewGuid().ToString("N"));

    /// <summary>A copy of <paramref name="folder"/>, to change one file of.</summary>
    public static string Copy(string folder)
    {
        var copy = folder + "-copy";
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }

    // Eight block pairs of five requests: the case's latencies are the baseline's times the ratio, each pair with its
    // own spread so the bounds are not degenerate.
    private static StudyRow Paired(StudyRow row, int index, double ratio, double spread)
    {
        var pairs = Enumerable.Range(0, 8).Select(p =>
        {
            var baseline = Enumerable.Range(0, 5).Select(r => 100.0 + (7 * p) + (3 * r)).ToList();
            var wobble = 1 + (spread * (((p * 5) % 8) - 3.5) / 3.5);
            return new BlockPair(baseline.Select((b, r) => b * ratio * wobble * (1 + (0.01 * r))).ToList(), baseline);
        }).ToList();
        var ratios = PairedRatioEstimator.Estimate(pairs);
        var latency = new PairedLatency
        {
            IsAa = row.IsBaseline,
            Pairs = pairs.Count,
            Seconds = 1.25,
            SocketBoundGcs = 0,
            Settings = PairingSettings.Quick,
            Median = ratios.Median,
            P95 = ratios.P95,
            CaseBlockMediansUs = pairs.Select(p => PairedRatioEstimator.BlockQuantile(p.Case, 0.5)).ToList(),
            CaseBlockP95sUs = pairs.Select(p => PairedRatioEstimator.BlockQuantile(p.Case, 0.95)).ToList(),
            BaselineBlockMediansUs = pairs.Select(p => PairedRatioEstimator.BlockQuantile(p.Baseline, 0.5)).ToList(),
            BaselineBlockP95sUs = pairs.Select(p => PairedRatioEstimator.BlockQuantile(p.Baseline, 0.95)).ToList(),
        };
        return row with
        {
            Job = "Quick",
            CensusFile = $"census-{index}.json",
            Census = row.Census with { Case = row.Case, BaselineCase = row.BaselineCase, Latency = latency },
        };
    }
}
