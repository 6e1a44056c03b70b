using LeakBench.Cases;
using LeakBench.Reports;
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

    [Fact]
    public async Task A_case_not_timed_on_purpose_is_not_timed_across_runtimes_and_its_reason_is_one_table_cell()
    {
        const string Reason = "not timed, on purpose: undisposed, unread responses hold all 10 connections of MaxConnectionsPerServer until a GC";
        var leak = Tests.Reports.StudySamples.Runtimes.First(r => r.Runtime.Moniker == "net10.0" && !r.IsBaseline) with { NotTimed = Reason };
        // No process starts and no request is sent: the target's ports are never reached (port 9 is discard).
        var nowhere = new LeakBench.Target.TargetUrls(new Uri("http://127.0.0.1:9"), new Uri("http://127.0.0.1:9"), new Uri("http://127.0.0.1:9"), 0);
        var folder = Directory.CreateTempSubdirectory("leakbench-notpaired-").FullName;
        try
        {
            var comparisons = await RuntimePairStudy.RunAsync(folder, nowhere, [leak], ["net10.0", "net10.0"], RuntimePairingSettings.Quick);

            var only = Assert.Single(comparisons);
            Assert.Null(only.Run);
            Assert.Equal(Reason, only.Failure);
            Assert.True(only.NotTimedOnPurpose);
            // Not a ratio sought, so not one of the achieved precision's ratios.
            Assert.Contains("0 of 0 ratios have a half-width within 5%", RuntimePairingSection.Markdown(comparisons, PracticalMargin.Default), StringComparison.Ordinal);
            Assert.Contains($"| {leak.Case.Label} | net10.0 | {Reason} | | | | |", RuntimePairingSection.Markdown(comparisons, PracticalMargin.Default), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_failure_with_a_stack_trace_is_its_first_line_in_the_table()
    {
        Assert.Equal("child 3299 wrote '' instead of 'ready' \\| x", RuntimePairingSection.OneCell("child 3299 wrote '' instead of 'ready' | x\r\nUnhandled exception. System.Threading.Tasks.TaskCanceledException"));
        Assert.Null(RuntimePairingSection.OneCell(null));
    }

    [Fact]
    public void The_runtime_table_and_chart_take_the_pairings_ratio_not_the_two_runs_blocks()
    {
        var rows = Tests.Reports.StudySamples.Runtimes;
        var net8 = rows.First(r => r.Runtime.Moniker == "net8.0" && !r.IsBaseline && r.NotTimed is null);
        var net10 = rows.Single(r => r.Runtime.Moniker == "net10.0" && r.CaseKey == net8.CaseKey);
        var paired = new RatioInterval(1.234, 1.2, 1.27, 12);
        var pairing = Comparison(paired) with { Runtime = "net10.0", Reference = "net8.0" };
        var failed = pairing with { Run = null, Failure = "runtime-pair child 1 wrote '' instead of 'ready'\nUnhandled exception." };
        var net9 = rows.Single(r => r.Runtime.Moniker == "net9.0" && r.CaseKey == net8.CaseKey);
        List<StudyRow> attached = [.. rows.Select(r => r == net10 ? r with { RuntimePair = pairing } : r == net9 ? r with { RuntimePair = failed with { Runtime = "net9.0" } } : r)];

        var comparison = LeakBench.Reports.RuntimeComparison.Of(attached)!;
        var onNet10 = comparison.Rows.Single(r => r.Row.Runtime.Moniker == "net10.0" && r.Row.CaseKey == net8.CaseKey);
        var onNet9 = comparison.Rows.Single(r => r.Row.Runtime.Moniker == "net9.0" && r.Row.CaseKey == net8.CaseKey);

        Assert.Same(paired, onNet10.Latency);
        Assert.True(onNet10.LatencyPaired);
        // A pairing without a ratio says why; no two-sample figure stands in for it.
        Assert.Null(onNet9.Latency);
        Assert.Equal("not paired: runtime-pair child 1 wrote '' instead of 'ready'", onNet9.LatencyNote);
        // The chart draws the same figure as the table.
        Assert.Contains(LeakBench.Reports.Charts.CostRatios.Runtimes(attached), b => b.Series == onNet10.Row.Runtime.Name && b.Ratio == paired.Ratio && b.Lower == paired.Lower && b.Upper == paired.Upper);
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
