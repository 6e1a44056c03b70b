using System.Net.Sockets;
using LeakBench.Cases;
using LeakBench.Census;
using LeakBench.Target;
using LeakBench.Tests.Support;

namespace LeakBench.Tests.Census;

/// <summary>
/// A connection an earlier case left on the target (here a raw TCP connection this test keeps open, as Kestrel kept one
/// after the HTTP/2 stall case): the target's control port aborts it, and a census starting beside it has it aborted
/// instead of counting it or waiting for it.
/// </summary>
[Collection(nameof(CensusRunsAlone))]
[Trait("Category", "Slow")]
public sealed class LeftoverConnectionTests(TargetFixture target) : IClassFixture<TargetFixture>
{
    [Fact]
    public async Task The_control_port_aborts_every_connection_on_a_measured_port_and_only_there()
    {
        var port = target.Urls.H2c.Port;
        using var left = await OpenRawAsync(port);
        await WaitForActiveAsync(port, 1);

        var aborted = await TargetControl.AbortConnectionsAsync(target.Urls, port);

        Assert.Equal(1, aborted);
        await WaitForActiveAsync(port, 0);
        // The target closed it: the client end reads the end of the stream (or a reset).
        Assert.True(await ClosedByPeerAsync(left));
        Assert.Equal(0, await TargetControl.AbortConnectionsAsync(target.Urls, port));
    }

    [Fact]
    public async Task Aborting_on_the_control_port_itself_or_an_unknown_port_is_refused_with_a_message()
    {
        var control = await Assert.ThrowsAsync<InvalidOperationException>(() => TargetControl.AbortConnectionsAsync(target.Urls, target.Urls.Control.Port));
        Assert.Contains("measured ports", control.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => TargetControl.AbortConnectionsAsync(target.Urls, 1));
    }

    [Fact]
    public async Task A_census_aborts_what_an_earlier_case_left_on_any_measured_port_and_counts_only_its_own()
    {
        var port = target.Urls.Http1.Port;
        using var left = await OpenRawAsync(port);
        using var leftOnH2c = await OpenRawAsync(target.Urls.H2c.Port);
        await WaitForActiveAsync(port, 1);
        await WaitForActiveAsync(target.Urls.H2c.Port, 1);

        var r = await SocketCensus.RunAsync(target.Urls,
            RequestPattern.For(target.Urls.Http1, Framing.ContentLength, 1024, HttpCompletionOption.ResponseHeadersRead, dispose: true, Drain.Full),
            new CensusSettings { Requests = 20, TrajectoryStep = 10 });

        Assert.True(await ClosedByPeerAsync(left));
        Assert.True(await ClosedByPeerAsync(leftOnH2c));
        // Its own pooled connection, still open after the GC, and nothing else.
        Assert.Equal(1, r.ConnectionsOpened);
        Assert.Equal(r.AfterGc, r.ServerActive);
        Assert.Empty(r.Disagreements);
    }

    private static async Task<Socket> OpenRawAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(System.Net.IPAddress.Loopback, port);
        return socket;
    }

    private async Task WaitForActiveAsync(int port, long expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        long active;
        while ((active = (await target.Server.ReadStatsAsync()).ForPort(port).ActiveConnections) != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(expected, active);
    }

    private static async Task<bool> ClosedByPeerAsync(Socket socket)
    {
        var buffer = new byte[64];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            return await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) == 0;
        }
        catch (SocketException)
        {
            return true; // a reset: closed too
        }
    }
}
