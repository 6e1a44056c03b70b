using LeakBench.Cases;
using LeakBench.Target;
using LeakBench.Tests.Support;

namespace LeakBench.Tests.Target;

/// <summary>
/// The HTTP/2 leak against nginx: an undisposed, unread body above the client's stream window keeps its stream, and the
/// request after nginx's <c>http2_max_concurrent_streams</c> waits for a slot. The limit is read from the configuration
/// the study wrote, not typed here. Census in a child process with the large gen0 budget, where no GC frees a stream first.
/// </summary>
[Trait("Category", "Slow")]
public sealed class NginxHttp2StallTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("leakbench-nginx-h2-").FullName;

    [Fact]
    public async Task The_leak_stalls_at_the_configured_stream_limit_plus_one()
    {
        const long body = 256 * 1024;
        using var nginx = await NginxServer.StartAsync(new NginxServerOptions { Directory = Path.Combine(_folder, "nginx"), BodySizes = [body] });
        var limit = NginxConfig.Read(await File.ReadAllTextAsync(nginx.ConfigPath)).Http2MaxConcurrentStreams;
        var leak = new StudyCase { Disposed = false, Drain = Drain.None, BodyBytes = body, Protocol = HttpProtocol.Http2, RequestTimeout = CaseClient.StallTimeout };

        var census = await CensusChild.RunAsync(nginx.Urls, leak, requests: limit + 20, GcConfig.LargeGen0);

        Assert.Equal(limit + 1, census.StalledAt);
        Assert.Equal(limit, census.Succeeded);
        Assert.Equal(1, census.ConnectionsOpened);
        // nginx's side of the stall, from stub_status: the held streams still being written.
        Assert.Equal(limit, census.OpenStreams);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
