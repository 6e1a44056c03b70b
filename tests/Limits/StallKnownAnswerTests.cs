using LeakBench.Cases;
using LeakBench.Census;
using LeakBench.Tests.Census;
using LeakBench.Tests.Support;

namespace LeakBench.Tests.Limits;

/// <summary>
/// Where the leak hangs (issue 10's known answers) against a real target: HTTP/2 stream slots (Kestrel
/// allows 100 concurrent streams per connection; the client's stream window is 65,535 bytes) and the
/// HTTP/1.1 connection limit. Short timeouts keep a stall cheap. Runs alone: the census forces GCs.
/// </summary>
[Collection(nameof(CensusRunsAlone))]
[Trait("Category", "Slow")]
public sealed class StallKnownAnswerTests(TargetFixture target) : IClassFixture<TargetFixture>
{
    private static readonly TimeSpan HalfSecond = TimeSpan.FromSeconds(0.5);

    // The issue asks for 0.5 s; a child process's first HTTP/2 request (JIT, connection preface) took 0.35 s
    // on an idle 2-core machine and over 0.5 s on a loaded one, so the h2c cases allow 1 s.
    private static readonly TimeSpan H2cTimeout = TimeSpan.FromSeconds(1);

    // HTTP/2 cases run in a child process with a large gen0 budget: on a small machine's workstation budget a
    // gen0 GC during the first 100 requests can finalize leaked streams and free their slots early (which the
    // study measures as its own rows); the known answer is about the slots, so no GC may come in between.
    private Task<CensusResult> CensusWithoutGc(StudyCase @case, int requests) => CensusChild.RunAsync(target.Urls, @case, requests, GcConfig.LargeGen0);

    private Task<CensusResult> Census(StudyCase @case, int requests) =>
        SocketCensus.RunAsync(target.Urls, @case, RequestPattern.For(CaseTarget.UriFor(target.Urls, @case), @case),
            new CensusSettings { Requests = requests, TrajectoryStep = 10 });

    private static StudyCase H2cUndisposedUnread(long bytes, bool multipleConnections = false) => new()
    {
        Disposed = false,
        Drain = Drain.None,
        BodyBytes = bytes,
        Protocol = HttpProtocol.Http2,
        MultipleHttp2Connections = multipleConnections,
        RequestTimeout = H2cTimeout,
    };

    [Fact]
    public async Task H2c_undisposed_unread_256_KiB_responses_hold_the_100_stream_slots_and_request_101_stalls()
    {
        var r = await CensusWithoutGc(H2cUndisposedUnread(256 * 1024), 150);

        Assert.True(r.StalledAt == 101, r.ToString());
        Assert.Equal(100, r.Succeeded);
        Assert.Null(r.FailedAt);
        Assert.InRange(r.StallMs!.Value, 950, 5_000);
        Assert.Equal(1, r.ConnectionsOpened);
        Assert.Equal(100, r.OpenStreams); // the target's in-flight requests on the h2c port
        Assert.Equal(100, r.ClientOpenStreams); // the client's: the 100 held responses (request 101 stopped when it timed out)
        Assert.True(r.GcFreesIt); // a forced GC finalizes the responses, which resets their streams
        Assert.Empty(r.Disagreements);
    }

    [Fact]
    public async Task H2c_undisposed_unread_1_KiB_responses_complete_their_streams_and_never_stall()
    {
        var r = await CensusWithoutGc(H2cUndisposedUnread(1024), 150);

        Assert.Equal(150, r.Succeeded);
        Assert.Null(r.StalledAt);
        Assert.Null(r.GcFreesIt);
        Assert.Equal(1, r.ConnectionsOpened);
        Assert.Equal(0, r.OpenStreams);
        // Every stream ended (END_STREAM with the 1 KiB), but the client still holds the 150 unread, undisposed responses.
        Assert.Equal(150, r.ClientOpenStreams);
        Assert.Empty(r.Disagreements);
    }

    [Fact]
    public async Task H2c_with_multiple_connections_opens_a_second_connection_instead_of_stalling()
    {
        var r = await CensusWithoutGc(H2cUndisposedUnread(256 * 1024, multipleConnections: true), 150);

        Assert.True(r.ConnectionsOpened == 2, r.ToString());
        Assert.Equal(150, r.Succeeded);
        Assert.Null(r.StalledAt);
        Assert.Equal(150, r.OpenStreams);
        Assert.Equal(150, r.ClientOpenStreams);
        Assert.Empty(r.Disagreements);
    }

    [Fact]
    public async Task Http11_with_two_connections_per_server_stalls_at_request_3_when_responses_leak()
    {
        var r = await Census(new StudyCase { Disposed = false, Drain = Drain.None, MaxConnectionsPerServer = 2, RequestTimeout = HalfSecond }, 100);

        Assert.Equal(2, r.Succeeded);
        Assert.Equal(3, r.StalledAt);
        Assert.Equal(3, r.ConnectionsOpened); // the two leaked ones, and one for the request after the GC
        Assert.Equal(2, r.MaxConnections);
        Assert.True(r.GcFreesIt); // the connections' finalizers give their slots back
    }

    [Fact]
    public async Task Http11_with_two_connections_per_server_reuses_one_connection_when_responses_are_disposed_and_read()
    {
        var r = await Census(new StudyCase { Disposed = true, Drain = Drain.Full, MaxConnectionsPerServer = 2, RequestTimeout = HalfSecond }, 100);

        Assert.Equal(100, r.Succeeded);
        Assert.Null(r.StalledAt);
        Assert.Equal(1, r.ConnectionsOpened);
        Assert.Empty(r.Disagreements);
    }

    [Fact]
    public async Task Sixteen_callers_under_a_limit_of_two_connections_never_open_more_than_two()
    {
        var r = await Census(new StudyCase { Disposed = true, Drain = Drain.Full, MaxConnectionsPerServer = 2, Callers = 16, RequestTimeout = TimeSpan.FromSeconds(5) }, 400);

        Assert.Equal(400, r.Succeeded);
        Assert.Null(r.StalledAt);
        Assert.InRange(r.ConnectionsOpened, 1, 2);
        Assert.Equal(16, r.Callers);
        Assert.True(r.RequestsPerSecond > 0);
    }
}
