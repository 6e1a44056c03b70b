using LeakBench.Cli;
using LeakBench.Compare;
using LeakBench.Statistics;

namespace LeakBench.Tests.Compare;

/// <summary>compare on the published reference runs (results/): a run against itself, the Xeon run against the EPYC run, and folders that are no run.</summary>
public sealed class PublishedRunsCompareTests
{
    private static readonly string Xeon = Path.Combine(LeakBench.Processes.Repository.Root(), "results", "2026-11-26-linux-debian-xeon-2-50ghz");
    private static readonly string Epyc = Path.Combine(LeakBench.Processes.Repository.Root(), "results", "2026-11-26-linux-debian-epyc-2-10ghz");

    private static (int Exit, string Output, string Error) Compare(params string[] args) => CompareInvocation.Run(args);

    [Fact]
    public void A_run_against_itself_exits_0_and_reports_no_change()
    {
        var (exit, output, error) = Compare(Epyc, Epyc);

        Assert.Equal(CompareCommand.NoChange, exit);
        Assert.Empty(error);
        Assert.Contains("No change beyond the 5% margin", output, StringComparison.Ordinal);
        Assert.Contains("In both: 117; only in A: 0; only in B: 0.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Xeon_against_Epyc_exits_1_and_names_every_case_in_one_run_only()
    {
        var (exit, output, _) = Compare(Xeon, Epyc);

        Assert.Equal(CompareCommand.Changed, exit);
        var xeon = StudyRun.Read(Xeon).Cases.Select(c => c.Key).ToHashSet();
        var epyc = StudyRun.Read(Epyc).Cases.Select(c => c.Key).ToHashSet();
        var onlyEpyc = epyc.Except(xeon).ToList();
        Assert.Equal(45, xeon.Count);
        Assert.Equal(117, epyc.Count);
        Assert.Equal(117 - 45, onlyEpyc.Count); // every Xeon case is among the EPYC run's
        Assert.All(onlyEpyc, key => Assert.Contains($"- {key.Name}: only in B", output, StringComparison.Ordinal));
    }

    [Fact]
    public void The_census_files_give_each_paired_case_its_own_block_pairs()
    {
        // Each case's paired ratio in report.csv is the Hodges–Lehmann centre of its block pairs' log ratios, so a
        // census file matched to the wrong row would give another ratio.
        var run = StudyRun.Read(Epyc);
        var paired = run.Cases.Where(c => c.LatencyRatio is not null).ToList();

        Assert.NotEmpty(paired);
        Assert.All(paired, c =>
        {
            Assert.NotEmpty(c.PairLogRatios);
            Assert.Equal(c.LatencyRatio!.Ratio, Math.Exp(HodgesLehmannInterval.Of(c.PairLogRatios).Centre), 9);
        });
        Assert.All(StudyRun.Read(Xeon).Cases, c => Assert.Empty(c.PairLogRatios)); // a run from before paired latency
    }

    [Fact]
    public void A_folder_that_is_not_a_run_exits_2_with_one_line()
    {
        var empty = Directory.CreateTempSubdirectory("leakbench-not-a-run-").FullName;
        var garbled = Directory.CreateTempSubdirectory("leakbench-not-a-run-").FullName;
        File.WriteAllText(Path.Combine(garbled, "report.csv"), "name,value\r\nx,1\r\n");
        try
        {
            foreach (var notARun in new[] { empty, garbled, Path.Combine(empty, "missing"), Path.Combine(garbled, "report.csv") })
            {
                var (exit, output, error) = Compare(notARun, Epyc);

                Assert.Equal(CompareCommand.BadInput, exit);
                Assert.Empty(output);
                var line = Assert.Single(error.TrimEnd().Split('\n'));
                Assert.StartsWith($"leakbench: compare: {notARun} is not a run folder", line, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
            Directory.Delete(garbled, recursive: true);
        }
    }

    [Theory]
    [InlineData("report.csv", "benchmark,method,runtime,runtime_moniker,baseline,verdict\r\nA,\"Get,.NET 10,net10.0,false,leaks\r\n", 3)]
    [InlineData("pairs.csv", "benchmark,method,case,job,runtime,pair,case_median_us,baseline_median_us\r\nA,Get,\"x\"y,J,net10.0,0,1,1\r\n", 2)]
    public void A_file_that_is_not_valid_CSV_is_said_in_one_line_with_where(string file, string text, int line)
    {
        var run = Directory.CreateTempSubdirectory("leakbench-bad-csv-").FullName;
        // A report.csv that names each row's pairs (case, job), so that pairs.csv is read.
        File.Copy(Path.Combine(LeakBench.Processes.Repository.Root(), "results", "2026-12-06-linux-debian-xeon-2-10ghz", "report.csv"), Path.Combine(run, "report.csv"));
        File.WriteAllText(Path.Combine(run, file), text);
        try
        {
            var (exit, output, error) = Compare(run, Epyc);

            Assert.Equal(CompareCommand.BadInput, exit);
            Assert.Empty(output);
            Assert.Equal($"leakbench: compare: {run} is not a run folder: its {file} is not valid CSV (a misplaced or unclosed quote in the record read up to line {line})", error.TrimEnd());
        }
        finally
        {
            Directory.Delete(run, recursive: true);
        }
    }
}
