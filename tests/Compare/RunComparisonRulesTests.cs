using LeakBench.Cli;
using LeakBench.Compare;
using LeakBench.Reports;
using LeakBench.Statistics;

namespace LeakBench.Tests.Compare;

/// <summary>Known answers of compare's rules on small constructed runs: what is a change, what is named, which exit code.</summary>
public sealed class RunComparisonRulesTests : IDisposable
{
    private const string Reuses = "reuses the connection";
    private const string Leaks = "leaks until GC";

    private readonly RunFolderFixture _runs = new();

    public void Dispose() => _runs.Dispose();

    private static (int Exit, string Output, string Error) Compare(string a, string b, params string[] more) => CompareInvocation.Run([a, b, .. more]);

    [Fact]
    public void A_socket_verdict_change_is_named_and_exits_1()
    {
        var a = _runs.Write("a", new FixtureCase("Get", Reuses, Baseline: true), new FixtureCase("Leak", Reuses));
        var b = _runs.Write("b", new FixtureCase("Get", Reuses, Baseline: true), new FixtureCase("Leak", Leaks, ConnPer1k: 1000));

        var (exit, output, error) = Compare(a, b);

        Assert.Equal(CompareCommand.Changed, exit);
        Assert.Empty(error);
        var comparison = RunComparison.Of(StudyRun.Read(a), StudyRun.Read(b), PracticalMargin.Default);
        var change = Assert.Single(comparison.Changes);
        Assert.StartsWith($"{RunFolderFixture.Benchmark}.Leak (", change, StringComparison.Ordinal);
        Assert.Contains($"socket verdict changed from \"{Reuses}\" in A to \"{Leaks}\" in B", change, StringComparison.Ordinal);
        Assert.Contains(change, output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_verdict_with_other_numbers_is_no_change()
    {
        var a = _runs.Write("a", new FixtureCase("Get", Reuses, Baseline: true), new FixtureCase("Stall", "stalls at request 101 until the timeout; a GC frees it"));
        var b = _runs.Write("b", new FixtureCase("Get", Reuses, Baseline: true), new FixtureCase("Stall", "stalls at request 179 until the timeout; a GC frees it"));

        Assert.Equal(CompareCommand.NoChange, Compare(a, b).Exit);
    }

    [Fact]
    public void A_paired_ratio_shift_within_the_margin_is_no_change()
    {
        // The case costs ×1.30 against its baseline in A and ×1.30 / 1.02 in B: A over B is exactly ×1.02, inside 5%.
        var a = _runs.Write("a", new FixtureCase("Get", Reuses, Baseline: true, PairedRatio: 1), new FixtureCase("Slow", Reuses, PairedRatio: 1.30));
        var b = _runs.Write("b", new FixtureCase("Get", Reuses, Baseline: true, PairedRatio: 1), new FixtureCase("Slow", Reuses, PairedRatio: 1.30 / 1.02));

        var comparison = RunComparison.Of(StudyRun.Read(a), StudyRun.Read(b), PracticalMargin.Default);
        var slow = comparison.Cases.Single(c => c.Key.Method == "Slow");

        Assert.Equal(1.02, slow.Ratio!.Ratio, 9);
        Assert.Equal(LatencyVerdict.NoPracticalDifference, slow.RatioVerdict);
        Assert.Empty(comparison.Changes);
        Assert.Equal(CompareCommand.NoChange, Compare(a, b).Exit);
    }

    [Fact]
    public void A_paired_ratio_shift_beyond_the_margin_is_named_slower_or_faster()
    {
        var a = _runs.Write("a", new FixtureCase("Get", Reuses, Baseline: true, PairedRatio: 1), new FixtureCase("Slow", Reuses, PairedRatio: 1.5));
        var b = _runs.Write("b", new FixtureCase("Get", Reuses, Baseline: true, PairedRatio: 1), new FixtureCase("Slow", Reuses, PairedRatio: 1.25));

        var (exit, output, _) = Compare(a, b);
        var (backExit, backOutput, _) = Compare(b, a);

        Assert.Equal(CompareCommand.Changed, exit);
        Assert.Contains("Slow (", output, StringComparison.Ordinal);
        Assert.Contains("against its baseline, slower in A than in B beyond the 5% margin, ×1.20 [", output, StringComparison.Ordinal);
        Assert.Equal(CompareCommand.Changed, backExit);
        Assert.Contains("against its baseline, faster in A than in B beyond the 5% margin, ×0.83 [", backOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RawPairsFormat.NumberedCensusFiles, "census/census-001-FixtureBenchmarks-Slow.json")]
    [InlineData(RawPairsFormat.CensusFileColumn, "census/census-FixtureBenchmarks-Slow-BodyBytes=1024-Quick.json")]
    [InlineData(RawPairsFormat.PairsCsv, "pairs.csv")]
    public void Block_pairs_are_read_from_whichever_raw_file_the_run_keeps(RawPairsFormat format, string source)
    {
        var a = _runs.Write("a", format, new FixtureCase("Get", Reuses, Baseline: true, PairedRatio: 1), new FixtureCase("Slow", Reuses, PairedRatio: 1.5));
        var b = _runs.Write("b", new FixtureCase("Get", Reuses, Baseline: true, PairedRatio: 1), new FixtureCase("Slow", Reuses, PairedRatio: 1.25));

        var slowInA = StudyRun.Read(a).Cases.Single(c => c.Key.Method == "Slow");
        var comparison = RunComparison.Of(StudyRun.Read(a), StudyRun.Read(b), PracticalMargin.Default);

        Assert.Equal(source, slowInA.PairsSource);
        Assert.Equal(12, slowInA.PairLogRatios.Count);
        Assert.Equal(1.2, comparison.Cases.Single(c => c.Key.Method == "Slow").Ratio!.Ratio, 9);
    }

    [Fact]
    public void Without_block_pairs_the_ratio_rests_on_the_two_runs_bounds()
    {
        var a = _runs.Write("a", RawPairsFormat.ReportOnly, new FixtureCase("Get", Reuses, Baseline: true, PairedRatio: 1), new FixtureCase("Slow", Reuses, PairedRatio: 1.5));
        var b = _runs.Write("b", new FixtureCase("Get", Reuses, Baseline: true, PairedRatio: 1), new FixtureCase("Slow", Reuses, PairedRatio: 1.25));

        var comparison = RunComparison.Of(StudyRun.Read(a), StudyRun.Read(b), PracticalMargin.Default);
        var slow = comparison.Cases.Single(c => c.Key.Method == "Slow");
        var (inA, inB) = (slow.A!.LatencyRatio!, slow.B!.LatencyRatio!);

        Assert.Empty(slow.A.PairLogRatios);
        Assert.Equal(CaseComparison.FromReportBounds, slow.RatioBasis);
        Assert.Equal(new RatioInterval(inA.Ratio / inB.Ratio, inA.Lower / inB.Upper, inA.Upper / inB.Lower, 12), slow.Ratio);
        Assert.Equal(LatencyVerdict.Slower, slow.RatioVerdict);
        Assert.StartsWith("run A keeps no block pairs", slow.RatioNote, StringComparison.Ordinal);
    }

    [Fact]
    public void The_margin_option_decides_what_a_ratio_shift_is()
    {
        // ×1.08 is beyond the 5% default but within a 10% margin (bounds at most ±2%, from the fixture's spread).
        var a = _runs.Write("a", new FixtureCase("Get", Reuses, Baseline: true, PairedRatio: 1), new FixtureCase("Slow", Reuses, PairedRatio: 1.08 * 1.1));
        var b = _runs.Write("b", new FixtureCase("Get", Reuses, Baseline: true, PairedRatio: 1), new FixtureCase("Slow", Reuses, PairedRatio: 1.1));

        Assert.Equal(CompareCommand.Changed, Compare(a, b).Exit);
        Assert.Equal(CompareCommand.NoChange, Compare(a, b, "--margin", "10").Exit);
    }

    [Fact]
    public void A_case_in_one_run_only_is_named()
    {
        var a = _runs.Write("a", new FixtureCase("Get", Reuses, Baseline: true), new FixtureCase("Leak", Leaks));
        var b = _runs.Write("b", new FixtureCase("Get", Reuses, Baseline: true), new FixtureCase("Leak", Leaks), new FixtureCase("Leak", Leaks, BodyBytes: 65536));

        var (exit, output, _) = Compare(a, b);

        Assert.Equal(CompareCommand.Changed, exit);
        Assert.Contains("- FixtureBenchmarks.Leak (disposed=true, drain=Full, completion=ResponseHeadersRead, body_bytes=65536, framing=ContentLength, protocol=HTTP/1.1) net10.0: only in B", output, StringComparison.Ordinal);
        Assert.DoesNotContain("body_bytes=1024, framing=ContentLength, protocol=HTTP/1.1) net10.0: only in", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Runs_that_share_no_case_are_bad_input()
    {
        var a = _runs.Write("a", new FixtureCase("Get", Reuses, Baseline: true));
        var b = _runs.Write("b", new FixtureCase("Other", Reuses, Baseline: true));

        var (exit, output, error) = Compare(a, b);

        Assert.Equal(CompareCommand.BadInput, exit);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("share no case", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_without_block_pairs_in_one_run_is_not_compared_and_no_change()
    {
        var a = _runs.Write("a", new FixtureCase("Get", Reuses, Baseline: true), new FixtureCase("Slow", Reuses));
        var b = _runs.Write("b", new FixtureCase("Get", Reuses, Baseline: true, PairedRatio: 1), new FixtureCase("Slow", Reuses, PairedRatio: 2));

        var comparison = RunComparison.Of(StudyRun.Read(a), StudyRun.Read(b), PracticalMargin.Default);
        var slow = comparison.Cases.Single(c => c.Key.Method == "Slow");

        Assert.Null(slow.Ratio);
        Assert.StartsWith("run A keeps no block pairs", slow.RatioNote, StringComparison.Ordinal);
        Assert.False(comparison.HasChanges);
    }

    [Fact]
    public void The_csv_has_a_row_per_case_of_either_run_and_is_written_only_when_asked()
    {
        var a = _runs.Write("a", new FixtureCase("Get", Reuses, Baseline: true, PairedRatio: 1), new FixtureCase("Slow", Reuses, PairedRatio: 1.5));
        var b = _runs.Write("b", new FixtureCase("Get", Reuses, Baseline: true, PairedRatio: 1), new FixtureCase("Slow", Reuses, PairedRatio: 1.25), new FixtureCase("New", Leaks));
        var csvPath = Path.Combine(_runs.Root, "comparison.csv");

        Compare(a, b);
        Assert.False(File.Exists(csvPath));
        Assert.Equal(["a", "b"], Directory.GetFileSystemEntries(_runs.Root).Select(Path.GetFileName).Order());

        Compare(a, b, "--csv", csvPath);
        var table = CsvTable.ReadWellFormed(csvPath)!;
        Assert.Equal(ComparisonCsv.Columns, table.Header);
        Assert.Equal(3, table.Records.Count);
        string Cell(int row, string column) => table.Field(table.Records[row - 1], column);
        Assert.Equal("slower", Cell(2, "a_over_b_verdict"));
        Assert.Equal(1.2, double.Parse(Cell(2, "a_over_b_ratio"), System.Globalization.CultureInfo.InvariantCulture), 9);
        Assert.Equal("false", Cell(3, "in_a"));
        Assert.Contains("only in B", Cell(3, "changes"), StringComparison.Ordinal);
    }
}
