using System.Globalization;
using System.Text;
using LeakBench.Census;
using LeakBench.Pairing;
using LeakBench.Reports;

namespace LeakBench.Tests.Compare;

/// <summary>Where a constructed run keeps its block pairs: as the oldest paired runs (census-NNN-Class-Method.json), in census files report.csv names, or in pairs.csv.</summary>
public enum RawPairsFormat
{
    NumberedCensusFiles,
    CensusFileColumn,
    PairsCsv,

    /// <summary>report.csv's ratios and bounds only: no raw file keeps the pairs.</summary>
    ReportOnly,
}

/// <summary>One case of a constructed run: its socket verdict text and, for a paired case, its case over baseline ratio and the spread pattern of its pairs.</summary>
internal sealed record FixtureCase(string Method, string Verdict, bool Baseline = false, double? PairedRatio = null, int Pairs = 12, long BodyBytes = 1024, double ConnPer1k = 1);

/// <summary>
/// Writes small run folders in the format the study writes (report.csv in the oldest column set plus the pairing
/// columns, and census/*.json with the block medians), so the comparison's rules are checked on known inputs.
/// </summary>
internal sealed class RunFolderFixture : IDisposable
{
    public const string Benchmark = "FixtureBenchmarks";

    // Each pair's log-ratio deviation from the case's ratio: fixed values within ±1%, the same in every run, so the
    // shift between two runs is exactly the ratio of their ratios and its bounds are a few percent wide at most.
    private static readonly double[] Spread = [0.004, -0.006, 0.01, -0.002, 0.007, -0.009, 0.001, -0.004, 0.006, -0.01, 0.003, 0];

    // The columns runs since issue 20 append to report.csv: where a row's raw data is.
    private static readonly string[] RawDataColumns = ["case", "job", "census_file"];

    public string Root { get; } = Directory.CreateTempSubdirectory("leakbench-compare-").FullName;

    public string Write(string name, params FixtureCase[] cases) => Write(name, RawPairsFormat.NumberedCensusFiles, cases);

    public string Write(string name, RawPairsFormat format, params FixtureCase[] cases)
    {
        var newer = format != RawPairsFormat.NumberedCensusFiles;
        var pairsCsv = new StringBuilder();
        StudyCsvWriter.AppendRecord(pairsCsv, ["benchmark", "method", "case", "job", "runtime", "pair", "case_first", "case_median_us", "baseline_median_us", "case_p95_us", "baseline_p95_us"]);
        var folder = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.Combine(folder, "census"));
        var csv = new StringBuilder();
        StudyCsvWriter.AppendRecord(csv,
        [
            "benchmark", "method", "runtime", "runtime_moniker", "disposed", "drain", "completion", "body_bytes", "framing", "protocol", "baseline", "verdict",
            "requests", "succeeded", "connections_opened", "conn_per_1k", "peak_open_sockets", "threads", "census_gen0_collections", "alloc_bytes_per_req",
            "latency_ratio", "latency_ratio_lo", "latency_ratio_hi", "latency_pairs", .. newer ? RawDataColumns : [],
        ]);
        for (var i = 0; i < cases.Length; i++)
        {
            var c = cases[i];
            var census = CensusOf(c);
            var median = census.Latency?.Median;
            StudyCsvWriter.AppendRecord(csv,
            [
                Benchmark, c.Method, ".NET 10.0.1", "net10.0", "true", "Full", "ResponseHeadersRead", Invariant(c.BodyBytes), "ContentLength", "HTTP/1.1",
                c.Baseline ? "true" : "false", c.Verdict,
                Invariant(census.Requests), Invariant(census.Succeeded), Invariant(census.ConnectionsOpened), Invariant(c.ConnPer1k),
                Invariant(census.PeakOpen), Invariant(census.Threads), Invariant(census.Gen0), "3200",
                median is null ? "" : Invariant(median.Ratio), median is null ? "" : Invariant(median.Lower), median is null ? "" : Invariant(median.Upper),
                median is null ? "" : Invariant(median.Pairs), .. newer ? new[] { $"label {c.BodyBytes}", "Quick", CensusName(c, format) } : [],
            ]);
            if (format == RawPairsFormat.PairsCsv)
            {
                var l = census.Latency;
                for (var p = 0; l is not null && p < l.Pairs; p++)
                {
                    StudyCsvWriter.AppendRecord(pairsCsv,
                    [
                        Benchmark, c.Method, $"label {c.BodyBytes}", "Quick", "net10.0", Invariant(p), "",
                        Invariant(l.CaseBlockMediansUs[p]), Invariant(l.BaselineBlockMediansUs[p]), Invariant(l.CaseBlockP95sUs[p]), Invariant(l.BaselineBlockP95sUs[p]),
                    ]);
                }
            }
            else if (format != RawPairsFormat.ReportOnly)
            {
                CensusFile.Write(Path.Combine(folder, "census", format == RawPairsFormat.CensusFileColumn ? CensusName(c, format) : $"census-{i:000}-{Benchmark}-{c.Method}.json"), census);
            }
        }

        File.WriteAllText(Path.Combine(folder, StudyReport.CsvFile), csv.ToString());
        if (format == RawPairsFormat.PairsCsv)
        {
            File.WriteAllText(Path.Combine(folder, "pairs.csv"), pairsCsv.ToString());
        }
        return folder;
    }

    /// <summary>A census file name in the newer style (named by the case, not numbered); empty where report.csv names none.</summary>
    private static string CensusName(FixtureCase c, RawPairsFormat format) =>
        format == RawPairsFormat.CensusFileColumn ? $"census-{Benchmark}-{c.Method}-BodyBytes={c.BodyBytes}-Quick.json" : "";

    private static CensusResult CensusOf(FixtureCase c)
    {
        var census = new CensusResult
        {
            Requests = 1000, Succeeded = 1000, ConnectionsOpened = (int)c.ConnPer1k, PeakOpen = 1, Leaked = 0, AfterGc = 0, TimeWait = 0, CloseWait = 0,
            ServerActive = 1, Threads = 13, Gen0 = 2, Gen1 = 0, Gen2 = 0, TrajectoryStep = 100, Trajectory = [1],
        };
        if (c.PairedRatio is not { } ratio)
        {
            return census;
        }

        var baselineBlocks = Enumerable.Range(0, c.Pairs).Select(i => 100.0 + i).ToList();
        var caseBlocks = baselineBlocks.Select((b, i) => b * ratio * Math.Exp(Spread[i % Spread.Length])).ToList();
        var pairs = baselineBlocks.Zip(caseBlocks, (b, x) => new LeakBench.Statistics.BlockPair([x], [b])).ToList();
        var ratios = c.Pairs >= LeakBench.Statistics.PairedRatioEstimator.MinimumPairs ? LeakBench.Statistics.PairedRatioEstimator.Estimate(pairs) : null;
        return census with
        {
            Latency = new PairedLatency
            {
                IsAa = c.Baseline, Pairs = c.Pairs, Seconds = 1, SocketBoundGcs = 0, Median = ratios?.Median, P95 = ratios?.P95,
                CaseBlockMediansUs = caseBlocks, BaselineBlockMediansUs = baselineBlocks, CaseBlockP95sUs = caseBlocks, BaselineBlockP95sUs = baselineBlocks,
            },
        };
    }

    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
