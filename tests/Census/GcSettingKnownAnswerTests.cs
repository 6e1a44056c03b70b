using LeakBench.Cases;
using LeakBench.Census;
using LeakBench.Tests.Support;

namespace LeakBench.Tests.Census;

/// <summary>
/// The GC settings added for the model (issue 21) reach the census's process: server GC with DATAS off runs server
/// GC, and each names what was requested. A baseline's census in a child, since the GC is chosen when a process starts.
/// </summary>
[Collection(nameof(CensusRunsAlone))]
[Trait("Category", "Slow")]
public sealed class GcSettingKnownAnswerTests(TargetFixture target) : IClassFixture<TargetFixture>
{
    [Theory]
    [InlineData(GcConfig.ServerNoDatas, true, "server, DATAS off")]
    [InlineData(GcConfig.MidGen0, false, "gen0size=0x4000000")]
    [InlineData(GcConfig.SmallGen0, false, "gen0size=0x800000")]
    public async Task The_child_runs_the_requested_GC(GcConfig gc, bool serverGc, string described)
    {
        var r = await CensusChild.RunAsync(target.Urls, new StudyCase { Disposed = true, Drain = Drain.Full, BodyBytes = 1024 }, 50, gc);

        Assert.Equal(serverGc, r.ServerGc);
        Assert.Equal(described, r.GcConfig);
        Assert.Equal(50, r.Succeeded);
    }
}
