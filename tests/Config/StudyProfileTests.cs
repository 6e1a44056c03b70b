using LeakBench.Cli;
using LeakBench.Config;
using LeakBench.Pairing;
using LeakBench.RuntimePairing;

namespace LeakBench.Tests.Config;

/// <summary>
/// The one settings object of a run: chosen once from the options, with the values the published runs and the quick
/// study's 8-minute budget were measured with (known answers: a change here changes what a run means).
/// </summary>
public sealed class StudyProfileTests
{
    [Fact]
    public void The_options_choose_the_profile_once_full_or_not()
    {
        Assert.Same(StudyProfile.Quick, StudyOptions.Parse([]).Profile);
        Assert.Same(StudyProfile.Quick, StudyOptions.Parse(["--quick"]).Profile);
        Assert.Same(StudyProfile.Publish, StudyOptions.Parse(["--full"]).Profile);
        // BenchmarkDotNet's --job replaces only the profile's job: the rest of the run is the quick profile's.
        Assert.Same(StudyProfile.Quick, StudyOptions.Parse(["--job", "short"]).Profile);
    }

    [Fact]
    public void The_quick_profile_has_the_quick_studys_values()
    {
        var quick = StudyProfile.Quick;

        Assert.False(quick.IsPublish);
        Assert.Equal("Quick", quick.Job.Id);
        Assert.Equal((0, 1, 1), (quick.Job.Run.WarmupCount, quick.Job.Run.IterationCount, quick.Job.Run.LaunchCount));
        Assert.Equal((500, 250), (quick.CensusRequests, quick.LargeBodyCensusRequests));
        Assert.Equal(TimeSpan.FromMilliseconds(100), quick.Settle);
        Assert.Same(PairingSettings.Quick, quick.Pairing);
        Assert.Equal((400, TimeSpan.FromSeconds(1), 10), (quick.Pairing.MaxPairs, quick.Pairing.TimeBudget, quick.Pairing.WarmupRequests));
        Assert.Same(RuntimePairingSettings.Quick, quick.RuntimePairing);
        Assert.Equal((6, TimeSpan.FromSeconds(12)), (quick.RuntimePairing.MaxProcessPairs, quick.RuntimePairing.TimeBudget));
    }

    [Fact]
    public void The_publish_profile_has_the_published_runs_values()
    {
        var publish = StudyProfile.Publish;

        Assert.True(publish.IsPublish);
        Assert.Equal("Publish", publish.Job.Id);
        Assert.Equal((1, 6), (publish.Job.Run.WarmupCount, publish.Job.Run.IterationCount));
        Assert.Equal((5_000, 2_000), (publish.CensusRequests, publish.LargeBodyCensusRequests));
        Assert.Equal(TimeSpan.FromSeconds(1), publish.Settle);
        Assert.Same(PairingSettings.Publish, publish.Pairing);
        Assert.Equal((1_000, TimeSpan.FromSeconds(12), 20), (publish.Pairing.MaxPairs, publish.Pairing.TimeBudget, publish.Pairing.WarmupRequests));
        Assert.Same(RuntimePairingSettings.Publish, publish.RuntimePairing);
        Assert.Equal((48, TimeSpan.FromSeconds(60)), (publish.RuntimePairing.MaxProcessPairs, publish.RuntimePairing.TimeBudget));
    }

    [Fact]
    public void A_runtime_comparison_copies_the_profiles_job_for_each_runtime()
    {
        var jobs = RuntimeJobs.For(StudyProfile.Quick.Job, ["net8.0", "net10.0"], dotnetCli: null);

        Assert.Equal(["Quick-net8.0", "Quick-net10.0"], jobs.Select(j => j.Id));
        Assert.All(jobs, j => Assert.Equal((0, 1), (j.Run.WarmupCount, j.Run.IterationCount)));
    }
}
