using LeakBench.Cases;
using LeakBench.Census;
using LeakBench.Tests.Support;
using Xunit.Abstractions;

namespace LeakBench.Tests.Census;

/// <summary>
/// The census of client lifetimes against the real target (issue 11): the counting connect callback
/// sits in every handler a lifetime makes, so clients made per request are counted too.
/// </summary>
[Collection(nameof(CensusRunsAlone))]
[Trait("Category", "Slow")]
public sealed class LifetimeCensusKnownAnswerTests(TargetFixture target, ITestOutputHelper output) : IClassFixture<TargetFixture>
{
    private const int N = 100;
    private static readonly CensusSettings Settings = new() { Requests = N, TrajectoryStep = 10 };

    private async Task<CensusResult> Census(ClientLifetime lifetime, bool disposed = true, Drain drain = Drain.Full, CensusSettings? settings = null)
    {
        var @case = new StudyCase { Disposed = disposed, Drain = drain, Lifetime = lifetime };
        var r = await SocketCensus.RunAsync(target.Urls, @case, RequestPattern.For(CaseTarget.UriFor(target.Urls, @case), @case), settings ?? Settings);
        output.WriteLine($"{lifetime}: opened {r.ConnectionsOpened}, leaked {r.Leaked}, after GC {r.AfterGc}, TIME_WAIT {r.TimeWait}, disagreements [{string.Join("; ", r.Disagreements)}]");
        return r;
    }

    [Fact]
    public async Task A_new_client_per_request_disposed_opens_a_connection_per_request_and_leaves_TIME_WAIT()
    {
        var r = await Census(ClientLifetime.PerRequestDisposed);

        Assert.Equal(N, r.Succeeded);
        Assert.Equal(N, r.ConnectionsOpened);
        Assert.Equal(0, r.Leaked);
        if (OperatingSystem.IsLinux())
        {
            // The client closes first when it disposes its handler: the client side keeps TIME_WAIT (60 s on Linux).
            Assert.InRange(r.TimeWait, N - 5, N);
        }

        Assert.Empty(r.Disagreements);
    }

    [Fact]
    public async Task A_new_client_per_request_not_disposed_opens_a_connection_per_request()
    {
        var r = await Census(ClientLifetime.PerRequestUndisposed);

        Assert.Equal(N, r.ConnectionsOpened);
        Assert.Equal(0, r.AfterGc);
        Assert.Empty(r.Disagreements);
    }

    [Fact]
    public async Task IHttpClientFactory_reuses_one_connection()
    {
        var r = await Census(ClientLifetime.Factory);

        Assert.Equal(N, r.Succeeded);
        Assert.Equal(1, r.ConnectionsOpened);
        Assert.Empty(r.Disagreements);
    }

    [Fact]
    public async Task IHttpClientFactory_does_not_save_an_undisposed_unread_response()
    {
        var r = await Census(ClientLifetime.Factory, disposed: false, Drain.None);

        Assert.Equal(N, r.ConnectionsOpened);
        Assert.Equal(0, r.AfterGc);
    }

    [Fact]
    public async Task A_1_s_pooled_connection_lifetime_over_3_s_opens_more_than_one_connection_and_the_pool_closes_them()
    {
        var spread = Settings with { PauseBetweenRequests = TimeSpan.FromMilliseconds(30) };
        var r = await Census(ClientLifetime.PooledLifetime1s, settings: spread);

        Assert.Equal(N, r.Succeeded);
        Assert.InRange(r.ConnectionsOpened, 2, N);
        // Closed by the pool, not by the GC: the client closed them first (TIME_WAIT), and a GC finds nothing more to close.
        Assert.Equal(r.Leaked, r.AfterGc);
        Assert.InRange(r.Leaked, 0, 1);
        if (OperatingSystem.IsLinux())
        {
            Assert.InRange(r.TimeWait, r.ConnectionsOpened - 1, r.ConnectionsOpened);
        }

        Assert.Empty(r.Disagreements);
    }
}
