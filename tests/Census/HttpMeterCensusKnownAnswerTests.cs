using LeakBench.Cases;
using LeakBench.Census;
using LeakBench.Tests.Support;

namespace LeakBench.Tests.Census;

/// <summary>
/// The System.Net.Http meter's values in a real census: http.client.connection.duration is recorded only when a
/// connection closes, so the census closes its handler at its end and a reusing case's one connection is counted; a
/// leaking case's connections are all closed by the end too (by the GC the census forces, or by the handler's close).
/// </summary>
[Collection(nameof(CensusRunsAlone))]
[Trait("Category", "Slow")]
public sealed class HttpMeterCensusKnownAnswerTests(TargetFixture target) : IClassFixture<TargetFixture>
{
    private const int N = 50;

    [Fact]
    public async Task A_reusing_case_shows_one_active_connection_and_its_duration_once_the_handler_closes()
    {
        var pattern = RequestPattern.For(target.Urls.Http1, Framing.ContentLength, 1024, HttpCompletionOption.ResponseHeadersRead, dispose: true, Drain.Full);

        var r = await SocketCensus.RunAsync(target.Urls, pattern, new CensusSettings { Requests = N, TrajectoryStep = 10 });

        Assert.Equal(1, r.ConnectionsOpened);
        Assert.Equal(1, r.OpenConnectionsActivePeak);
        Assert.Equal(1, r.OpenConnectionsIdlePeak);
        Assert.Equal(1, r.ConnectionDurationCount);
        Assert.NotNull(r.ConnectionDurationP50Ms);
        Assert.True(r.ConnectionDurationP50Ms > 0);
    }

    [Fact]
    public async Task A_leaking_case_shows_a_connection_active_per_request_and_every_ones_duration()
    {
        // In a child with a large gen0 budget: a GC during the requests would close leaks before they are counted.
        var r = await CensusChild.RunAsync(target.Urls, new StudyCase { Disposed = false, Drain = Drain.None, BodyBytes = 1024 }, N, GcConfig.LargeGen0);

        Assert.Equal(N, r.ConnectionsOpened);
        Assert.InRange(r.OpenConnectionsActivePeak ?? 0, N - 5, N);
        Assert.Equal(N, r.ConnectionDurationCount);
        // Each new connection is recorded in the queue histogram while a request waits for it to open.
        Assert.Equal(N, r.TimeInQueueCount);
    }
}
