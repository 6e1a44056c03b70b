using LeakBench.Compare;
using LeakBench.Pairing;
using LeakBench.Reports;
using LeakBench.Statistics;
using LeakBench.Tests.Reports;

namespace LeakBench.Tests.Compare;

/// <summary>compare reads what the study's own writers write: report.csv (StudyCsvWriter) and pairs.csv (PairsCsv).</summary>
public sealed class StudyWritersRoundTripTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("leakbench-compare-writers-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    // Every pair's case block is the baseline block times the ratio, with a fixed ±1% spread.
    private static PairedLatency Latency(double ratio, bool isAa)
    {
        double[] spread = [0.004, -0.006, 0.01, -0.002, 0.007, -0.009, 0.001, -0.004, 0.006, -0.01];
        var baseline = spread.Select((_, i) => 100.0 + i).ToList();
        var cases = baseline.Select((b, i) => b * ratio * Math.Exp(spread[i])).ToList();
        var estimate = PairedRatioEstimator.Estimate(baseline.Zip(cases, (b, c) => new BlockPair([c], [b])).ToList());
        return new PairedLatency
        {
            IsAa = isAa, Pairs = cases.Count, Seconds = 1, SocketBoundGcs = 0, Median = estimate.Median, P95 = estimate.P95,
            CaseBlockMediansUs = cases, BaselineBlockMediansUs = baseline, CaseBlockP95sUs = cases, BaselineBlockP95sUs = baseline,
        };
    }

    private string Run(string name, double leakRatio)
    {
        IReadOnlyList<StudyRow> rows =
        [
            ReportSamples.Baseline with { Job = "Quick", Census = ReportSamples.Baseline.Census with { Latency = Latency(1, isAa: true) } },
            ReportSamples.Leaking with { Job = "Quick", Census = ReportSamples.Leaking.Census with { Latency = Latency(leakRatio, isAa: false) } },
        ];
        var folder = Path.Combine(_root, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, StudyReport.CsvFile), StudyCsvWriter.Write(rows, PracticalMargin.Default));
        File.WriteAllText(Path.Combine(folder, PairsCsv.File), PairsCsv.Write(rows));
        return folder;
    }

    [Fact]
    public void Pairs_written_by_the_study_are_read_back_from_pairs_csv()
    {
        var a = StudyRun.Read(Run("a", 1.5));
        var b = StudyRun.Read(Run("b", 1.25));

        var leak = a.Cases.Single(c => !c.IsBaseline);
        Assert.Equal(PairsCsv.File, leak.PairsSource);
        Assert.Equal(10, leak.PairLogRatios.Count);
        Assert.Equal(ReportSamples.Leaking.VerdictText, leak.VerdictText);

        var comparison = RunComparison.Of(a, b, PracticalMargin.Default);
        var leakComparison = comparison.Cases.Single(c => c.Key.Method == ReportSamples.Leaking.Method && c.A is { IsBaseline: false });
        Assert.Equal(CaseComparison.FromBlockPairs, leakComparison.RatioBasis);
        Assert.Equal(1.2, leakComparison.Ratio!.Ratio, 9);
        Assert.Equal(LatencyVerdict.Slower, leakComparison.RatioVerdict);
    }
}
