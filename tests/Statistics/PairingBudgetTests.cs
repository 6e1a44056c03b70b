using LeakBench.Pairing;

namespace LeakBench.Tests.Statistics;

/// <summary>The pairing's budget follows the run's profile (<see cref="LeakBench.Config.StudyProfile"/>): small in the quick study, larger for publishing.</summary>
public sealed class PairingBudgetTests
{
    [Fact]
    public void The_quick_budget_is_smaller_in_pairs_and_in_time()
    {
        Assert.True(PairingSettings.Quick.MaxPairs < PairingSettings.Publish.MaxPairs);
        Assert.True(PairingSettings.Quick.TimeBudget < PairingSettings.Publish.TimeBudget);
        Assert.Equal(PairingSettings.Publish.BlockRequests, PairingSettings.Quick.BlockRequests); // blocks alike: the same ratio, fewer pairs
    }

    [Fact]
    public void Each_case_gets_its_target_block_size_and_callers()
    {
        var small = new LeakBench.Cases.StudyCase { Disposed = true, Drain = LeakBench.Cases.Drain.Full, BodyBytes = 1024 };
        var large = small with { BodyBytes = 2 * 1024 * 1024 };
        var tls = small with { Tls = true };
        var concurrent = small with { Callers = 16 };

        Assert.Equal((0.01, 20, 1), Of(PairingSettings.Publish.ForCase(small, small, publish: true)));
        Assert.Equal((0.025, 20, 1), Of(PairingSettings.Quick.ForCase(small, small, publish: false)));
        Assert.Equal((0.05, PairingSettings.LargeBodyBlockRequests, 1), Of(PairingSettings.Quick.ForCase(large, small, publish: false)));
        Assert.Equal((0.025, 20, 1), Of(PairingSettings.Publish.ForCase(tls, tls, publish: true)));
        Assert.Equal((0.025, 10, 16), Of(PairingSettings.Quick.ForCase(concurrent, small, publish: false)));
        Assert.Equal(0.003, PairingSettings.Quick.ForCase(large, small, publish: false, precisionOverride: 0.003).PrecisionTarget);
        // 16 callers × 10 a side: enough requests above the P95 for a tail verdict.
        Assert.True(LeakBench.Statistics.TailRule.HasVerdict(16 * PairingSettings.Quick.ForCase(concurrent, small, publish: false).BlockRequests, 0.95));
    }

    [Fact]
    public void The_AA_alone_gets_the_longer_cap_of_its_job()
    {
        var baseline = new LeakBench.Cases.StudyCase { Disposed = true, Drain = LeakBench.Cases.Drain.Full, BodyBytes = 1024 };
        var leak = baseline with { Disposed = false, Drain = LeakBench.Cases.Drain.None };

        Assert.Equal(PairingSettings.Publish.TimeBudget * PairingSettings.PublishAaCapFactor, PairingSettings.Publish.ForCase(baseline, baseline, publish: true).TimeBudget);
        Assert.Equal(PairingSettings.Publish.TimeBudget, PairingSettings.Publish.ForCase(leak, baseline, publish: true).TimeBudget);
        Assert.Equal(PairingSettings.Quick.TimeBudget * PairingSettings.QuickAaCapFactor, PairingSettings.Quick.ForCase(baseline, baseline, publish: false).TimeBudget);
        Assert.Equal(PairingSettings.Quick.TimeBudget, PairingSettings.Quick.ForCase(leak, baseline, publish: false).TimeBudget);
    }

    private static (double?, int, int) Of(PairingSettings s) => (s.PrecisionTarget, s.BlockRequests, s.Callers);
}
