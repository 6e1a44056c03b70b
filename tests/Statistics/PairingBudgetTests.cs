using BenchmarkDotNet.Jobs;
using LeakBench.Config;
using LeakBench.Diagnostics;
using LeakBench.Pairing;

namespace LeakBench.Tests.Statistics;

/// <summary>The pairing's budget follows the job the host runs: small in the quick study, larger for publishing.</summary>
public sealed class PairingBudgetTests
{
    [Fact]
    public void The_quick_job_and_its_runtime_copies_get_the_quick_budget()
    {
        Assert.Same(PairingSettings.Quick, CensusDiagnoser.PairingFor(StudyJobs.Quick));
        Assert.Same(PairingSettings.Quick, CensusDiagnoser.PairingFor(StudyJobs.Quick.UnfreezeCopy().WithId("Quick-net8.0")));
    }

    [Fact]
    public void The_publish_job_and_any_other_get_the_publish_budget()
    {
        Assert.Same(PairingSettings.Publish, CensusDiagnoser.PairingFor(StudyJobs.Publish));
        Assert.Same(PairingSettings.Publish, CensusDiagnoser.PairingFor(StudyJobs.Publish.UnfreezeCopy().WithId("Publish-net9.0")));
        Assert.Same(PairingSettings.Publish, CensusDiagnoser.PairingFor(StudyJobs.Quick.UnfreezeCopy().WithId("Quickest"))); // a prefix is not the job
    }

    [Fact]
    public void The_quick_budget_is_smaller_in_pairs_and_in_time()
    {
        Assert.True(PairingSettings.Quick.MaxPairs < PairingSettings.Publish.MaxPairs);
        Assert.True(PairingSettings.Quick.TimeBudget < PairingSettings.Publish.TimeBudget);
        Assert.Equal(PairingSettings.Publish.BlockRequests, PairingSettings.Quick.BlockRequests); // blocks alike: the same ratio, fewer pairs
    }
}
