using LeakBench.Cases;
using LeakBench.Census;
using LeakBench.Tests.Census;
using LeakBench.Tests.Support;

namespace LeakBench.Tests.Limits;

/// <summary>
/// A leaking census under a low fd limit fails, and records where and why. The limit is process-wide, so
/// the census runs in a child process (<c>LeakBench.dll census-child</c>), never in the test host.
/// </summary>
[Collection(nameof(CensusRunsAlone))]
[Trait("Category", "Slow")]
public sealed class FdLimitKnownAnswerTests(TargetFixture target) : IClassFixture<TargetFixture>
{
    [Fact]
    public async Task A_leaking_census_128_descriptors_above_what_it_holds_fails_before_request_128_with_too_many_open_files()
    {
        if (!FileDescriptorLimit.IsSupported)
        {
            return; // RLIMIT_NOFILE is not applicable on Windows; the census leaves the limit alone there
        }

        // A large gen0 budget, so that no GC closes leaked sockets during these few requests (the workstation
        // budget of a small machine may, and then the limit is reached later or not at all).
        var @case = new StudyCase { Disposed = false, Drain = Drain.None, BodyBytes = 1024 };
        var r = await CensusChild.RunAsync(target.Urls, @case, requests: 1000, GcConfig.LargeGen0, fdHeadroom: 128);

        Assert.True(r.FailedAt is > 1 and < 128, r.ToString());
        Assert.Equal(r.FailedAt - 1, r.Succeeded);
        Assert.Contains("Too many open files", r.Failure, StringComparison.Ordinal);
        // The child set the limit 128 above what it held at start; the census opened a few more before lowering it.
        Assert.InRange(r.FdLimit!.Value - r.FdsBefore!.Value, 1, 128);
        Assert.Null(r.StalledAt);
        Assert.Equal("gen0size=" + GcEnvironment.LargeGen0Size, r.GcConfig);
    }

    [Fact]
    public void Lowering_the_soft_limit_is_undone_by_its_scope()
    {
        if (!FileDescriptorLimit.IsSupported)
        {
            return;
        }

        var before = FileDescriptorLimit.Read();
        using (FileDescriptorLimit.LowerSoft(before.Soft - 1))
        {
            Assert.Equal(before.Soft - 1, FileDescriptorLimit.Read().Soft);
        }

        Assert.Equal(before, FileDescriptorLimit.Read());
    }
}
