using System.Text;
using LeakBench.Cases;
using LeakBench.Census;
using LeakBench.Reports;

namespace LeakBench.Tests.Reports;

/// <summary>Known answers for the model (peak ≈ the baseline's gen0 budget ÷ bytes per request) and the report section on what a leak holds.</summary>
public sealed class LeakHoldingsSectionTests
{
    // The baseline: 1,000 requests, 3,000,000 bytes, 5 gen0 GCs: a budget of 600,000 bytes.
    private static readonly StudyRow Baseline = ReportSamples.Baseline with
    {
        // The leak's group baseline, as the catalog names it: disposed and read to the end, with the leak's completion.
        Case = ReportSamples.Leaking.BaselineCase!,
        BaselineCase = ReportSamples.Leaking.BaselineCase,
        Census = ReportSamples.Baseline.Census with { AllocatedBytes = 3_000_000, Gen0 = 5, Gen0Budget = 600_000, GcConfig = "workstation", GcPromotedBytes = 10_000, FinalizableObjects = 10, OpenBeforeGc = 1, ClosedByGc = 0 },
    };

    // The leak: 10,000 bytes per request, so 600,000 / 10,000 = 60 predicted; 16 gen0 GCs.
    private static StudyRow Leak(int peak) => ReportSamples.Leaking with
    {
        Census = ReportSamples.Leaking.Census with
        {
            PeakOpen = peak, AllocatedBytes = 10_000_000, Gen0 = 16, Gen0Budget = 625_000, GcConfig = "workstation",
            ClientQueuedBytes = 1_000, ServerQueuedBytes = 3_000, QueuedOpenSockets = 4,
            GcPromotedBytes = 510_000, FinalizableObjects = 260, OpenBeforeGc = 50, ClosedByGc = 50,
        },
    };

    // Another GC setting's baseline, whose budget (256 MiB) is enough for 1,024 leaked sockets of 10,000 bytes but not 65,536.
    private static readonly StudyRow LargeBudgetBaseline = Baseline with
    {
        Case = Baseline.Case with { GcConfig = GcConfig.LargeGen0 },
        BaselineCase = Baseline.Case with { GcConfig = GcConfig.LargeGen0 },
        Census = Baseline.Census with { Gen0Budget = 256L * 1024 * 1024, GcConfig = "gen0size=0x10000000" },
    };

    [Fact]
    public void The_prediction_is_the_baseline_s_budget_over_the_case_s_bytes_per_request()
    {
        var leak = Leak(peak: 55);
        IReadOnlyList<StudyRow> rows = [Baseline, leak];

        Assert.Equal(10_000, LeakModel.BytesPerRequest(leak.Census));
        Assert.Equal(600_000, LeakModel.BaselineBudget(leak, rows));
        Assert.Equal(60, LeakModel.PredictedPeak(leak, rows));
        Assert.True(LeakModel.Holds(leak, rows)); // |60 − 55| ≤ 25% of 55
        Assert.False(LeakModel.Holds(Leak(peak: 998), [Baseline, Leak(peak: 998)]));
        Assert.Equal(10_240_000, LeakModel.BudgetToReach(1024, 10_000));
    }

    [Fact]
    public void A_budget_counts_the_whole_budgets_between_the_first_and_the_last_GC()
    {
        // 10,000 bytes per request (10,000,000 over 1,000 requests); GCs after requests 40, 140 and 240: two whole budgets
        // of 1,000,000 bytes. The 40 requests before the first GC are the end of a budget begun before the census, the
        // 760 after the last one an unfinished one: all the allocation ÷ the GCs would say 3,333,333, up to the last GC
        // ÷ the GCs 800,000.
        var census = Leak(55).Census with { Succeeded = 1_000, Gen0 = 3, Gen0Budget = 3_333_333, GcEvents = [new GcEvent(40, 0), new GcEvent(140, 0), new GcEvent(240, 1)] };
        var baseline = Baseline with { Census = census };

        Assert.Equal(1_000_000, LeakModel.Budget(census));
        Assert.Equal(1_000_000, LeakModel.BaselineBudget(Leak(55), [baseline, Leak(55)]));
        // One GC: the allocation up to it is the only figure.
        Assert.Equal(400_000, LeakModel.Budget(census with { Gen0 = 1, GcEvents = [new GcEvent(40, 0)] }));
        // Without GC events (a census file from before them) the census's own figure is used.
        Assert.Equal(600_000, LeakModel.Budget(Baseline.Census with { GcEvents = [] }));
    }

    [Fact]
    public void A_baseline_s_probe_is_its_budget_over_its_census_s()
    {
        // The probe's 800,000 bytes over the census's 600,000 (its 5 GCs over 3,000,000 bytes): 80 predicted for 10,000 B per request.
        var probed = Baseline with { Census = Baseline.Census with { Gen0BudgetProbeBytes = 800_000 } };
        var leak = Leak(peak: 75);

        Assert.Equal(800_000, LeakModel.BaselineBudgetOf(probed.Census));
        Assert.Equal(600_000, LeakModel.BaselineBudgetOf(Baseline.Census)); // a file from before the probe: the census's own
        Assert.Equal(800_000, LeakModel.BaselineBudget(leak, [probed, leak]));
        Assert.Equal(80, LeakModel.PredictedPeak(leak, [probed, leak]));
        // A baseline whose census saw no gen0 GC still has the probe's budget.
        var noGc = probed with { Census = probed.Census with { Gen0 = 0, Gen0Budget = null, GcEvents = [] } };
        Assert.Equal(800_000, LeakModel.BaselineBudget(leak, [noGc, leak]));
    }

    [Fact]
    public void The_published_small_gen0_baseline_predicts_its_leak_s_peak()
    {
        // The published run of 2026-12-03 (FdLimitBenchmarks, DOTNET_GCgen0size=8 MiB): the baseline allocated 23,484,376
        // bytes over 10,000 requests with GCs after requests 148, 3,729 and 7,295; the leak allocated 151,820,168 bytes
        // over 10,000 requests and peaked at 550 open sockets.
        var baseline = Baseline with { Census = Baseline.Census with { Succeeded = 10_000, AllocatedBytes = 23_484_376, Gen0 = 3, GcEvents = [new GcEvent(148, 0), new GcEvent(3_729, 0), new GcEvent(7_295, 0)] } };
        var leak = Leak(peak: 550) with { Census = Leak(peak: 550).Census with { Succeeded = 10_000, AllocatedBytes = 151_820_168, Gen0 = 18 } };

        Assert.Equal(8_392_142, LeakModel.BaselineBudget(leak, [baseline, leak]));
        Assert.Equal(553, Math.Round(LeakModel.PredictedPeak(leak, [baseline, leak])!.Value));
        Assert.True(LeakModel.Holds(leak, [baseline, leak]));
    }

    [Fact]
    public void No_prediction_for_a_baseline_a_row_without_gen0_GCs_or_a_group_without_a_budget()
    {
        var noGc = Leak(peak: 55) with { Census = Leak(peak: 55).Census with { Gen0 = 0 } };
        var noBudget = Baseline with { Census = Baseline.Census with { Gen0Budget = null } };

        Assert.Null(LeakModel.PredictedPeak(Baseline, [Baseline, Leak(55)]));
        Assert.Null(LeakModel.PredictedPeak(noGc, [Baseline, noGc]));
        Assert.Null(LeakModel.PredictedPeak(Leak(55), [noBudget, Leak(55)]));
    }

    [Fact]
    public void The_caveat_names_large_object_heap_bodies_and_a_grown_budget()
    {
        var buffered = Leak(55) with { Case = Leak(55).Case with { BodyBytes = 2 * 1024 * 1024, Completion = HttpCompletionOption.ResponseContentRead } };
        var grown = Leak(55) with { Census = Leak(55).Census with { Gen0Budget = 1_000_000 } };

        Assert.Contains("large-object-heap", LeakModel.Caveat(buffered, [Baseline, buffered]), StringComparison.Ordinal);
        Assert.Contains("budget grew", LeakModel.Caveat(grown, [Baseline, grown]), StringComparison.Ordinal);
        Assert.Equal("", LeakModel.Caveat(Leak(55), [Baseline, Leak(55)])); // 625,000 is within 25% of 600,000
    }

    [Fact]
    public void The_census_divides_both_ends_by_the_open_sockets_and_the_kept_bytes_by_the_connections_the_GC_closed()
    {
        var c = Leak(55).Census;

        Assert.Equal(1_000, c.QueuedBytesPerOpenConnection);
        Assert.Equal(10_200, c.PromotedBytesPerLeaked);
        Assert.Null((c with { ServerQueuedBytes = null }).QueuedBytesPerOpenConnection); // a remote target: n/a, not the client's end alone
        Assert.Null(Baseline.Census.PromotedBytesPerLeaked); // the GC closed nothing
    }

    [Fact]
    public void The_section_shows_the_holdings_beside_the_baseline_s_and_names_the_rows_where_the_model_fails()
    {
        var md = new StringBuilder();
        LeakHoldingsSection.Write(md, [Baseline, Leak(peak: 998), LargeBudgetBaseline]);
        var text = md.ToString();

        Assert.Contains("## What a leak holds", text, StringComparison.Ordinal);
        Assert.Contains("### When it runs out", text, StringComparison.Ordinal);
        Assert.Contains("**Does it become a memory leak (.NET)?** Not for good: the forced full GC closed the leaked connections of every case that leaked them (1). " +
                        "Until the GC closes it, one leaked connection held up to 1000 B queued in the kernel (both ends) and 9.96 KiB of managed objects", text, StringComparison.Ordinal);
        Assert.Contains("| 4 | 1000 B | 2.93 KiB | 1000 B |", text, StringComparison.Ordinal); // open, client, target, per open connection
        Assert.Contains("| **no** |", text, StringComparison.Ordinal);
        Assert.Contains("the prediction held for 0; not for DisposeDrainBenchmarks.Get", text, StringComparison.Ordinal);
        // 1,024 × 10,000 B needs 9.77 MiB: the 256 MiB setting reaches it, the 600 KB one does not; 65,536 needs 625 MiB: none.
        Assert.Contains("| gen0size=0x10000000 | none |", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_target_s_growth_is_its_figure_when_the_sending_stopped_minus_the_one_when_the_census_began()
    {
        // The published 1 KiB leak's working set (2026-12-03): 117,002,240 → 122,064,896 bytes, +5,062,656 = 4.83 MiB; its
        // heap unchanged, which reads 0 B (an exact difference), not "+0.00 B".
        var leak = Leak(peak: 55) with
        {
            Census = Leak(peak: 55).Census with
            {
                TargetGcHeapBytesBefore = 25_554_520, TargetGcHeapBytes = 25_554_520,
                TargetWorkingSetBytesBefore = 117_002_240, TargetWorkingSetBytes = 122_064_896,
            },
        };
        var md = new StringBuilder();
        LeakHoldingsSection.Write(md, [Baseline, leak]);

        Assert.Contains("| 0 B | +4.83 MiB |", md.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_GC_between_the_end_of_the_requests_and_the_forced_GC_is_named()
    {
        var interrupted = Leak(peak: 55) with { Census = Leak(peak: 55).Census with { GcAfterRequests = true } };
        var quiet = new StringBuilder();
        LeakHoldingsSection.Write(quiet, [Baseline, Leak(peak: 55) with { Census = Leak(peak: 55).Census with { GcAfterRequests = false } }]);
        var md = new StringBuilder();
        LeakHoldingsSection.Write(md, [Baseline, interrupted]);

        Assert.DoesNotContain("A GC came between", quiet.ToString(), StringComparison.Ordinal);
        Assert.Contains("A GC came between the end of the requests and the forced GC (the census keeps them away; the runtime did not) in DisposeDrainBenchmarks.", md.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_without_holdings_has_no_section()
    {
        var md = new StringBuilder();
        LeakHoldingsSection.Write(md, ReportSamples.Rows);

        Assert.Equal("", md.ToString());
    }
}
