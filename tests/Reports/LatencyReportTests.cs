using LeakBench.Cases;
using LeakBench.Pairing;
using LeakBench.Reports;
using LeakBench.Statistics;

namespace LeakBench.Tests.Reports;

/// <summary>
/// Known answers of the latency parts of the report: per-group margins, aa.csv, the A/A line and the
/// too-noisy warning, the "Latency against the baseline" section, and the runtime comparison's bounds.
/// Two groups: 1 KiB with a tight A/A [0.98–1.03] and 2 MiB with a wide one [0.80–1.30].
/// </summary>
public sealed class LatencyReportTests
{
    private static readonly StudyCase SmallBaseline = ReportSamples.Baseline.Case;
    private static readonly StudyCase LargeBaseline = SmallBaseline with { BodyBytes = 2 * 1024 * 1024 };

    private static PairedLatency Paired(double ratio, double lower, double upper, bool isAa = false, double[]? blocks = null) => new()
    {
        Median = new RatioInterval(ratio, lower, upper, 20),
        P95 = new RatioInterval(ratio, lower * 0.9, upper * 1.1, 20),
        IsAa = isAa,
        Pairs = 20,
        Seconds = 1.5,
        SocketBoundGcs = 0,
        Settings = PairingSettings.Quick with { PrecisionTarget = 0.025 },
        StoppedBy = "precision",
        PrecisionTarget = 0.025,
        CaseBlockMediansUs = blocks ?? [],
    };

    private static StudyRow Row(StudyCase @case, StudyCase baseline, PairedLatency latency) => ReportSamples.Baseline with
    {
        Case = @case,
        BaselineCase = baseline,
        IsBaseline = @case == baseline,
        Census = ReportSamples.Baseline.Census with { Latency = latency },
    };

    private static readonly StudyRow SmallAa = Row(SmallBaseline, SmallBaseline, Paired(1.01, 0.98, 1.03, isAa: true));
    private static readonly StudyRow SmallSame = Row(SmallBaseline with { Disposed = false }, SmallBaseline, Paired(1.02, 0.97, 1.04));
    private static readonly StudyRow SmallSlower = Row(SmallBaseline with { Drain = Drain.None }, SmallBaseline, Paired(2.10, 2.02, 2.19));
    private static readonly StudyRow LargeAa = Row(LargeBaseline, LargeBaseline, Paired(1.05, 0.80, 1.30, isAa: true));
    private static readonly StudyRow LargeCase = Row(LargeBaseline with { Drain = Drain.None }, LargeBaseline, Paired(1.20, 1.10, 1.35));
    private static readonly StudyRow NoRatio = Row(LargeBaseline with { Disposed = false, Drain = Drain.None }, LargeBaseline,
        new PairedLatency { IsAa = false, Pairs = 3, Seconds = 6, SocketBoundGcs = 0, Failure = "3 block pairs in the 2 s budget; at least 6 are needed for bounds" });

    private static readonly IReadOnlyList<StudyRow> Rows = [SmallAa, SmallSame, SmallSlower, LargeAa, LargeCase, NoRatio];

    [Fact]
    public void Every_case_answers_to_the_runs_fixed_margin_never_to_its_groups_A_A()
    {
        Assert.Equal(0.05, AaCheck.MarginFor(SmallSlower), 12);
        Assert.Equal(0.05, AaCheck.MarginFor(LargeCase), 12); // its group's A/A reaches 30%: that flags the group, it widens nothing
        Assert.Equal(LatencyVerdict.Slower, AaCheck.VerdictOf(SmallSlower));
        Assert.Equal(LatencyVerdict.NoPracticalDifference, AaCheck.VerdictOf(SmallSame));
        Assert.Equal(LatencyVerdict.Slower, AaCheck.VerdictOf(LargeCase)); // ×1.20 [1.10–1.35] lies wholly beyond 5%
        Assert.Null(AaCheck.VerdictOf(SmallAa));
        Assert.Null(AaCheck.VerdictOf(NoRatio));
    }

    [Theory]
    [InlineData(1.00, 0.99, 1.01)]
    [InlineData(1.05, 0.80, 1.30)]
    [InlineData(1.02, 0.70, 1.60)]
    public void A_x1_04_from_0_98_to_1_09_is_inconclusive_at_five_percent_whatever_the_A_A(double aaRatio, double aaLower, double aaUpper)
    {
        var aa = Row(SmallBaseline, SmallBaseline, Paired(aaRatio, aaLower, aaUpper, isAa: true));
        var @case = Row(SmallBaseline with { Disposed = false }, SmallBaseline, Paired(1.04, 0.98, 1.09));

        Assert.Equal(LatencyVerdict.Inconclusive, AaCheck.VerdictOf(@case));
        Assert.Contains("| inconclusive ×1.04 [0.98–1.09] |", StudyReportWriter.Write(ReportSamples.Environment, [aa, @case], []), StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_with_another_margin_judges_every_case_against_it_and_writes_it_in_every_row()
    {
        var wide = Rows.Select(r => r with { Census = r.Census with { Latency = r.Census.Latency! with { Margin = 0.25 } } }).ToList();
        var csv = CsvTable.Parse(StudyCsvWriter.Write(wide, 0.25))!;

        Assert.Equal(LatencyVerdict.Inconclusive, AaCheck.VerdictOf(wide[4])); // ×1.20 [1.10–1.35]: slower at 5%, straddles 1.25
        Assert.All(csv.Records, record => Assert.Equal("0.25", csv.Field(record, "latency_margin")));
        Assert.Contains("| Practical margin | ±25%, fixed for the run (--margin)", StudyReportWriter.Write(ReportSamples.Environment with { LatencyMargin = 0.25 }, wide, []), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => StudyReportWriter.Write(ReportSamples.Environment, wide, []));
    }

    [Fact]
    public void Aa_csv_lists_each_groups_A_A_with_its_margin()
    {
        Assert.Equal(
            "benchmark,case,runtime,latency_ratio,latency_ratio_lo,latency_ratio_hi,pairs,margin\r\n" +
            "DisposeDrainBenchmarks,disposed · read to end · ContentRead · 1 KiB,net10.0,1.01,0.98,1.03,20,0.05\r\n" +
            "DisposeDrainBenchmarks,disposed · read to end · ContentRead · 2 MiB,net10.0,1.05,0.8,1.3,20,0.05\r\n",
            AaCheck.Csv(Rows));
    }

    [Fact]
    public void The_report_flags_the_noisy_group_with_its_reason_and_judges_each_verdict_against_the_fixed_margin()
    {
        var report = StudyReportWriter.Write(ReportSamples.Environment, Rows, []);

        Assert.Contains("> **A/A calibration flagged 1 of 2 groups** (each group's baseline against itself): " +
                        "DisposeDrainBenchmarks · disposed · read to end · ContentRead · 2 MiB (net10.0) ×1.05 [0.80–1.30]: " +
                        "its half-width ±27.5% is wider than the ±5% margin (the run cannot resolve a difference of that size there).", report, StringComparison.Ordinal);
        Assert.Contains("| A/A latency | 2 groups, narrowest ×1.01 [0.98–1.03] over 20 block pairs (disposed · read to end · ContentRead · 1 KiB), " +
                        "widest ×1.05 [0.80–1.30] over 20 block pairs (disposed · read to end · ContentRead · 2 MiB); a calibration check, never the margin |", report, StringComparison.Ordinal);
        Assert.Contains("| Practical margin | ±5%, fixed for the run (--margin): no practical difference only within [0.95–1.05], slower or faster only wholly beyond |", report, StringComparison.Ordinal);
        Assert.Contains("each block pair times 20 requests a side (10 for bodies above 256 KiB, per caller with concurrent callers), in sub-blocks of 5 that alternate in ABBA order; " +
                        "pairs are added until the median ratio's 95% bounds reach the case's precision target (±2.5%: ½·ln(hi/lo) ≤ ln(1 + target), checked from 16 pairs at even counts, " +
                        "so the width decides, never the estimate) or the case's time cap of 1 s, at most 400 pairs", report, StringComparison.Ordinal);
        Assert.Contains("| slower ×2.10 [2.02–2.19] | descriptive ×2.10 [1.82–2.41] | ±5% |", report, StringComparison.Ordinal);
        Assert.Contains("| no practical difference ×1.02 [0.97–1.04] |", report, StringComparison.Ordinal);
        Assert.Contains("| slower ×1.20 [1.10–1.35] | descriptive ×1.20 [0.99–1.49] | ±5% |", report, StringComparison.Ordinal);
        Assert.Contains("| ⚠ A/A wider than margin |", report, StringComparison.Ordinal);
        Assert.Contains("| A/A ×1.05 [0.80–1.30] |", report, StringComparison.Ordinal);
        Assert.DoesNotContain("Stopped by the time cap", report, StringComparison.Ordinal);
        // 16 callers × 20 requests a side: the P95 has 16 requests above it, so it carries a verdict (and its own A/A flag).
        var concurrentAa = Row(SmallBaseline, SmallBaseline, Paired(1.01, 0.98, 1.03, isAa: true) with { Callers = 16 });
        var concurrent = Row(SmallBaseline with { Disposed = false }, SmallBaseline, Paired(2.10, 2.02, 2.19) with { Callers = 16 });
        var loaded = StudyReportWriter.Write(ReportSamples.Environment, [concurrentAa, concurrent], []);
        Assert.Contains("| slower ×2.10 [2.02–2.19] | slower ×2.10 [1.82–2.41] | ±5% |", loaded, StringComparison.Ordinal);
        Assert.Contains("| ok; P95 ⚠ A/A wider than margin |", loaded, StringComparison.Ordinal); // the A/A's P95 [0.88–1.13]
        var capped = StudyReportWriter.Write(ReportSamples.Environment, [SmallAa, LargeAa with { Census = LargeAa.Census with { Latency = LargeAa.Census.Latency! with { StoppedBy = "time cap" } } }], []);
        Assert.Contains("- Stopped by the time cap before their precision target (1): DisposeDrainBenchmarks.Get (disposed · read to end · ContentRead · 2 MiB, A/A) ±27.5% of ±2.5% in 20 pairs.", capped, StringComparison.Ordinal);
        Assert.Contains("| no ratio: 3 block pairs in the 2 s budget; at least 6 are needed for bounds |", report, StringComparison.Ordinal);
        Assert.Contains("- Against their baselines 4 cases read: 2 slower, 1 no practical difference, and 1 without a ratio. " +
                        "Slower: DisposeDrainBenchmarks.Get (disposed · unread · ContentRead · 1 KiB) ×2.10 [2.02–2.19]; ", report, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchmarkDotNets_time_per_operation_with_16_callers_is_named_throughput_never_latency()
    {
        var concurrent = ReportSamples.Baseline with { Census = ReportSamples.Baseline.Census with { Callers = 16 } };

        var report = StudyReportWriter.Write(ReportSamples.Environment, [concurrent], []);

        Assert.Contains("| 16331 req/s (16 callers) |", report, StringComparison.Ordinal); // 1 s / 61,234.5 ns
    }

    [Fact]
    public void The_csv_carries_each_cases_margin_and_verdict()
    {
        var csv = CsvTable.Parse(StudyCsvWriter.Write(Rows))!;
        string Cell(int row, string column) => csv.Field(csv.Records[row], column);

        Assert.Equal(("0.05", "slower"), (Cell(2, "latency_margin"), Cell(2, "latency_verdict")));
        Assert.Equal(("0.05", "slower"), (Cell(4, "latency_margin"), Cell(4, "latency_verdict")));
        Assert.Equal("0.05", Cell(5, "latency_margin")); // no ratio, and still the run's margin
        Assert.Equal("", Cell(0, "latency_verdict")); // the A/A row has no verdict of its own
        Assert.Equal("0.02", Cell(0, "error_over_mean"));
    }

    [Fact]
    public void Across_runtimes_the_ratio_comes_from_block_medians_with_bounds()
    {
        double[] net8Blocks = [100, 104, 98, 101, 99, 103, 97, 102];
        var onNet8 = SmallSlower with { Runtime = ReportSamples.Net8, Census = SmallSlower.Census with { Latency = Paired(2.1, 2.02, 2.19, blocks: net8Blocks) } };
        var onNet10 = SmallSlower with { Census = SmallSlower.Census with { Latency = Paired(2.1, 2.02, 2.19, blocks: net8Blocks.Select(b => b * 2).ToArray()) } };
        var sameOnNet10 = onNet10 with { Case = onNet10.Case with { Drain = Drain.Partial4KiB }, Census = onNet10.Census with { Latency = Paired(1, 0.98, 1.02, blocks: net8Blocks) } };
        var sameOnNet8 = sameOnNet10 with { Runtime = ReportSamples.Net8 };
        var tooFew = onNet10 with { Case = onNet10.Case with { Disposed = false }, Census = onNet10.Census with { Latency = Paired(1, 0.98, 1.02, blocks: [100, 101, 99]) } };
        var tooFewOnNet8 = tooFew with { Runtime = ReportSamples.Net8 };

        var comparison = RuntimeComparison.Of([onNet8, onNet10, sameOnNet8, sameOnNet10, tooFewOnNet8, tooFew])!;
        var doubled = comparison.Rows.Single(r => r.Row == onNet10);
        var same = comparison.Rows.Single(r => r.Row == sameOnNet10);
        var few = comparison.Rows.Single(r => r.Row == tooFew);

        Assert.Equal(2, doubled.Latency!.Ratio, 12);
        Assert.Equal(LatencyVerdict.Slower, doubled.Verdict);
        Assert.Equal(1, same.Latency!.Ratio, 12);
        Assert.True(same.Latency.Contains(1));
        Assert.Null(few.Latency);
        Assert.Equal("3 and 3 timed blocks; at least 4 on each runtime are needed for bounds", few.LatencyNote);
        Assert.Equal("the baseline runtime", comparison.Rows.Single(r => r.Row == onNet8).LatencyNote);
        Assert.Contains("On .NET 10.0.12 against .NET 8.0.22, latency (block medians of the two runs) read: 1 slower, 1 ", string.Join("\n", comparison.Findings()), StringComparison.Ordinal);
    }
}
