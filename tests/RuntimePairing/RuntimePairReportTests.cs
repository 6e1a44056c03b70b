using LeakBench.Cases;
using LeakBench.RuntimePairing;
using LeakBench.Statistics;

namespace LeakBench.Tests.RuntimePairing;

public sealed class RuntimePairReportTests
{
    private static readonly StudyCase Leak = new() { Disposed = false, Drain = Drain.None, BodyBytes = 1024 };

    [Fact]
    public void The_report_csv_cells_give_ratio_bounds_verdict_process_pairs_and_half_width()
    {
        var ratio = new RatioInterval(1.2, 1.1, 1.3, 5);
        var cells = RuntimePairColumns.Of(Comparison(ratio), PracticalMargin.Default);

        Assert.Equal(["1.2", "1.1", "1.3", RatioVerdict.Words(RatioVerdict.Judge(ratio, PracticalMargin.Default)), "5"], cells.Take(5));
        Assert.Equal(Math.Sqrt(1.3 / 1.1) - 1, double.Parse(cells[5], System.Globalization.CultureInfo.InvariantCulture), 12);
    }

    [Fact]
    public void A_row_without_a_ratio_has_empty_cells()
    {
        Assert.All(RuntimePairColumns.Of((RuntimeCaseComparison?)null, PracticalMargin.Default), Assert.Empty);
        Assert.All(RuntimePairColumns.Of(Comparison(null), PracticalMargin.Default), Assert.Empty);
        Assert.All(RuntimePairColumns.Of((LeakBench.Statistics.RatioInterval?)null, PracticalMargin.Default), Assert.Empty);
    }

    [Fact]
    public void The_raw_file_has_one_row_per_block_pair_with_both_sides()
    {
        var csv = RuntimePairsCsv.Write([Comparison(new RatioInterval(1, 0.9, 1.1, 3))]);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(string.Join(',', RuntimePairsCsv.Columns), lines[0]);
        Assert.Equal(2, lines.Length - 1);
        Assert.Contains(",net8.0,net10.0,0,1,false,200,400,100,200,1,0,0,0,0,0", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void The_section_states_the_achieved_precision_and_the_aa()
    {
        var comparisons = new[]
        {
            Comparison(new RatioInterval(1.01, 0.99, 1.03, 3)) with { IsAa = true, Runtime = "net10.0" },
            Comparison(new RatioInterval(2, 1.98, 2.02, 3)),
            Comparison(new RatioInterval(2, 1.5, 2.5, 8)),
        };

        var md = RuntimePairingSection.Markdown(comparisons, PracticalMargin.Default);

        Assert.Contains("## Runtimes paired", md, StringComparison.Ordinal);
        Assert.Contains("1 of 2 ratios have a half-width within 5%", md, StringComparison.Ordinal);
        Assert.Contains("| A/A DisposeDrainBenchmarks baseline | net10.0 |", md, StringComparison.Ordinal);
    }

    private static RuntimeCaseComparison Comparison(RatioInterval? ratio)
    {
        List<RuntimeBlockPair> blocks =
        [
            new(0, 0, true, new BlockResult(200, 400, 0, 0, 0), new BlockResult(100, 200, 0, 0, 0)),
            new(0, 1, false, new BlockResult(200, 400, 1, 0, 0), new BlockResult(100, 200, 0, 0, 0)),
        ];
        var run = new RuntimePairRun("net8.0", "net10.0", blocks, [Math.Log(2)], ratio, RuntimePairingStop.Precision, TimeSpan.FromSeconds(3));
        return new RuntimeCaseComparison("DisposeDrainBenchmarks", "Undisposed_Unread", Leak, "net8.0", "net10.0", false, run, null);
    }
}
