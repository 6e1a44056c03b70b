using LeakBench.Seed;
using LeakBench.Tests.Support;

namespace LeakBench.Tests.Seed;

/// <summary>
/// The .NET side's known answers, each test in a fresh worker process (<c>seed-worker</c>) against a real target:
/// connections ESTABLISHED after the 1 s settle, counted by socket ownership from the OS table.
/// </summary>
[Trait("Category", "Slow")]
public sealed class SeedDotnetKnownAnswerTests(TargetFixture target) : IClassFixture<TargetFixture>
{
    [Theory]
    [InlineData(1, 5)] // neither disposed nor read: every response keeps its connection
    [InlineData(2, 1)] // disposed, not read: 1 KiB is drained and the connection reused
    [InlineData(3, 1)] // read to the end: the connection goes back to the pool
    [InlineData(4, 1)]
    public async Task ResponseHeadersRead_1KiB_leaves_the_known_connections_before_GC(int test, int connections)
    {
        var m = await DotnetSeedRunner.RunAsync(ArticleTest.FromNumber(test)!, HttpCompletionOption.ResponseHeadersRead, 1024, target.Urls.Http1);

        Assert.Equal(connections, m.ConnectionsBeforeGc);
        Assert.Equal(ArticleTest.Requests, m.Requests);
        Assert.True(m.Threads > 0);
    }

    [Fact]
    public async Task ResponseHeadersRead_1KiB_not_disposed_not_read_is_closed_by_finalizers_after_a_full_GC()
    {
        var m = await DotnetSeedRunner.RunAsync(ArticleTest.Test1, HttpCompletionOption.ResponseHeadersRead, 1024, target.Urls.Http1);

        Assert.Equal((5, 0), (m.ConnectionsBeforeGc, m.ConnectionsAfterGc));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Default_GetAsync_1KiB_leaves_one_connection_whatever_the_test(int test)
    {
        var m = await DotnetSeedRunner.RunAsync(ArticleTest.FromNumber(test)!, HttpCompletionOption.ResponseContentRead, 1024, target.Urls.Http1);

        Assert.Equal((1, 1), (m.ConnectionsBeforeGc, m.ConnectionsAfterGc));
    }

    [Fact]
    public async Task ResponseHeadersRead_2MiB_disposed_not_read_leaves_no_connection()
    {
        var m = await DotnetSeedRunner.RunAsync(ArticleTest.Test2, HttpCompletionOption.ResponseHeadersRead, SeedRunner.LargeBody, target.Urls.Http1);

        Assert.Equal(0, m.ConnectionsBeforeGc);
    }

    [Fact]
    public async Task A_worker_against_a_dead_port_fails_loudly()
    {
        // A port that was just free: nothing listens there, so every request fails and there is no row.
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var e = await Assert.ThrowsAsync<SeedRunException>(() =>
            DotnetSeedRunner.RunAsync(ArticleTest.Test1, HttpCompletionOption.ResponseContentRead, 1024, new Uri($"http://127.0.0.1:{port}/")));
        Assert.Contains("exited with code", e.Message, StringComparison.Ordinal);
    }
}
