using LeakBench.Cases;
using LeakBench.Census;
using LeakBench.Tests.Support;

namespace LeakBench.Tests.Census;

/// <summary>
/// The census against a real target with known answers (SocketsHttpHandler's behaviour as dotnet/runtime's sources
/// give it: a buffered body frees its connection, an unread streamed one holds it until a GC, dispose drains up to
/// 1 MiB; the README's "Findings" show the measured rows): 100
/// requests per case, each case on a fresh handler. The census forces full GCs and counts what a GC
/// closes, so it runs alone: a GC forced by a test running beside it would close its leaks early.
/// </summary>
[Collection(nameof(CensusRunsAlone))]
[Trait("Category", "Slow")]
public sealed class CensusKnownAnswerTests(TargetFixture target) : IClassFixture<TargetFixture>
{
    private const int N = 100;
    private const long Small = 1024;
    private const long Large = 2 * 1024 * 1024;

    private static readonly CensusSettings Settings = new() { Requests = N, TrajectoryStep = 10 };

    private Task<CensusResult> Census(long bytes, HttpCompletionOption completion, bool dispose, Drain drain, Framing framing = Framing.ContentLength) =>
        SocketCensus.RunAsync(target.Urls, RequestPattern.For(target.Urls.Http1, framing, bytes, completion, dispose, drain), Settings);

    [Fact]
    public async Task Undisposed_unread_streamed_responses_open_one_connection_each_and_leak_them_until_a_full_GC()
    {
        // In a child with a large gen0 budget: a GC during the requests would close leaks before they are counted.
        var r = await CensusChild.RunAsync(target.Urls, new StudyCase { Disposed = false, Drain = Drain.None, BodyBytes = Small }, N, GcConfig.LargeGen0);

        Assert.Equal(N, r.Succeeded);
        Assert.Equal(N, r.ConnectionsOpened);
        Assert.InRange(r.Leaked, N - 5, N);
        Assert.Equal(0, r.AfterGc);
        Assert.Equal(0, r.ServerActive);
        Assert.InRange(r.PeakOpen, N - 5, N);
        Assert.Empty(r.Disagreements);
    }

    [Fact]
    public async Task Undisposed_streamed_responses_read_to_the_end_reuse_one_connection()
    {
        var r = await Census(Small, HttpCompletionOption.ResponseHeadersRead, dispose: false, Drain.Full);

        Assert.Equal(1, r.ConnectionsOpened);
        Assert.Equal(1, r.Leaked); // the pool's idle connection, still ESTABLISHED
        Assert.Equal(1, r.PeakOpen);
        Assert.Empty(r.Disagreements);
    }

    [Fact]
    public async Task Disposed_unread_small_responses_are_drained_and_reuse_one_connection()
    {
        var r = await Census(Small, HttpCompletionOption.ResponseHeadersRead, dispose: true, Drain.None);

        Assert.Equal(1, r.ConnectionsOpened);
        Assert.Empty(r.Disagreements);
    }

    [Fact]
    public async Task Disposed_unread_responses_above_the_1_MiB_drain_limit_close_their_connection_every_time()
    {
        var r = await Census(Large, HttpCompletionOption.ResponseHeadersRead, dispose: true, Drain.None);

        Assert.Equal(N, r.ConnectionsOpened);
        Assert.Equal(0, r.Leaked);
        Assert.Equal(0, r.AfterGc);
        Assert.Empty(r.Disagreements);
    }

    [Theory]
    [InlineData(false, Drain.None)]
    [InlineData(false, Drain.Partial4KiB)]
    [InlineData(false, Drain.Full)]
    [InlineData(true, Drain.None)]
    [InlineData(true, Drain.Partial4KiB)]
    [InlineData(true, Drain.Full)]
    public async Task Default_GetAsync_buffers_the_body_and_reuses_one_connection_whatever_the_caller_does(bool dispose, Drain drain)
    {
        var r = await Census(Small, HttpCompletionOption.ResponseContentRead, dispose, drain);

        Assert.Equal(N, r.Succeeded);
        Assert.Equal(1, r.ConnectionsOpened);
        Assert.Equal(1, r.Leaked);
        Assert.Empty(r.Disagreements);
    }

    [Fact]
    public async Task The_cap_stops_a_leaking_census_with_a_stopped_at_result()
    {
        // In a child with a large gen0 budget: a GC during the requests would close leaks and let the census run past the cap.
        var r = await CensusChild.RunAsync(target.Urls, new StudyCase { Disposed = false, Drain = Drain.None, BodyBytes = Small }, N, GcConfig.LargeGen0, maxOpen: 30);

        Assert.True(r.StoppedAt == 30, $"stopped at {r.StoppedAt}, peak {r.PeakOpen}, GCs during the requests {r.Gen0}/{r.Gen1}/{r.Gen2} at requests {string.Join(",", r.GcEvents.Select(e => e.Request))}");
        Assert.Equal(30, r.Succeeded);
        Assert.Equal(30, r.ConnectionsOpened);
    }

    [Fact]
    public async Task The_trajectory_samples_every_step_and_climbs_for_a_leak()
    {
        // In a child with a large gen0 budget: in the test host a GC every few dozen requests reset the climb.
        var r = await CensusChild.RunAsync(target.Urls, new StudyCase { Disposed = false, Drain = Drain.None, BodyBytes = Small }, N, GcConfig.LargeGen0, trajectoryStep: Settings.TrajectoryStep);

        Assert.Equal(N / Settings.TrajectoryStep, r.Trajectory.Count);
        Assert.True(r.Trajectory[^1] > r.Trajectory[0], string.Join(",", r.Trajectory));
    }

    [Fact]
    public async Task GCs_during_the_requests_are_recorded_at_the_request_after_which_they_ran()
    {
        // Buffering 2 MiB per request allocates on the large object heap, which collects gen2 every few requests.
        var r = await Census(Large, HttpCompletionOption.ResponseContentRead, dispose: true, Drain.Full);

        Assert.True(r.Gen2 > 0, $"expected gen2 collections while buffering 2 MiB bodies, saw {r.Gen0}/{r.Gen1}/{r.Gen2}");
        Assert.InRange(r.GcEvents.Count, 1, r.Gen0);
        Assert.InRange(r.GcEvents.Count(e => e.Generation == 2), 1, r.Gen2);
        Assert.All(r.GcEvents, e => Assert.InRange(e.Request, 1, N));
        Assert.Equal(r.GcEvents.Select(e => e.Request).Distinct().Order(), r.GcEvents.Select(e => e.Request));
    }

    [Fact]
    public async Task A_census_of_no_requests_is_refused()
    {
        var pattern = RequestPattern.For(target.Urls.Http1, Framing.ContentLength, Small, HttpCompletionOption.ResponseHeadersRead, dispose: true, Drain.Full);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => SocketCensus.RunAsync(target.Urls, pattern, Settings with { Requests = 0 }));
    }

    [Fact]
    public async Task A_wrong_status_fails_the_request()
    {
        var pattern = new RequestPattern(new Uri(target.Urls.Http1, "/bytes/-1"), HttpCompletionOption.ResponseContentRead, true, Drain.Full, System.Net.HttpStatusCode.OK, 0);

        await Assert.ThrowsAsync<HttpRequestException>(() => SocketCensus.RunAsync(target.Urls, pattern, Settings));
    }
}

/// <summary>Census tests run after the parallel tests, one at a time.</summary>
[CollectionDefinition(nameof(CensusRunsAlone), DisableParallelization = true)]
public sealed class CensusRunsAlone;
