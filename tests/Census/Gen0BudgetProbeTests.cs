using LeakBench.Cases;
using LeakBench.Census;
using LeakBench.Tests.Reports;
using LeakBench.Tests.Support;

namespace LeakBench.Tests.Census;

/// <summary>
/// Known answers for <see cref="Gen0BudgetProbe"/>: under a fixed gen0 budget (DOTNET_GCgen0size, chosen when a process
/// starts, so in a child census) it measures that budget; only a baseline's census runs it; the ceiling always ends it.
/// </summary>
[Collection(nameof(CensusRunsAlone))]
[Trait("Category", "Slow")]
public sealed class Gen0BudgetProbeTests(TargetFixture target) : IClassFixture<TargetFixture>
{
    private static readonly StudyCase Disposed1KiB = new() { Disposed = true, Drain = Drain.Full, BodyBytes = 1024 };

    [Fact]
    public async Task A_baseline_s_census_measures_the_fixed_gen0_budget()
    {
        // SmallGen0: DOTNET_GCgen0size=0x800000, 8 MiB.
        var r = await CensusChild.RunAsync(target.Urls, Disposed1KiB, 50, GcConfig.SmallGen0, asBaseline: true);

        const double requested = 0x800000;
        Assert.NotNull(r.Gen0BudgetProbeBytes);
        Assert.InRange(r.Gen0BudgetProbeBytes!.Value, requested * 0.75, requested * 1.25);
    }

    [Fact]
    public async Task A_case_that_is_not_its_group_s_baseline_has_no_probe()
    {
        var r = await CensusChild.RunAsync(target.Urls, Disposed1KiB, 50, GcConfig.SmallGen0);

        Assert.Null(r.Gen0BudgetProbeBytes);
    }

    [Fact]
    public void Only_the_baseline_is_probed()
    {
        var census = ReportSamples.Baseline.Census;
        var leak = Disposed1KiB with { Disposed = false, Drain = Drain.None };

        Assert.Same(census, Gen0BudgetProbe.RecordOnBaseline(census, leak, Disposed1KiB));
        Assert.Same(census, Gen0BudgetProbe.RecordOnBaseline(census, Disposed1KiB, baseline: null));
    }

    [Fact]
    public void The_ceiling_ends_a_probe_that_saw_too_few_GCs()
    {
        // No GC fits in a zero-byte ceiling: the probe gives up at its first check, whatever this process's budget.
        Assert.Null(Gen0BudgetProbe.Measure(ceilingBytes: 0));
    }
}
