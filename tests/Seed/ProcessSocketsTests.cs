using System.Net.Sockets;
using LeakBench.Seed;
using LeakBench.Tests.Support;

namespace LeakBench.Tests.Seed;

/// <summary>Socket ownership against a real target: a connection counts for the process that holds it, not for the server.</summary>
[Trait("Category", "Slow")]
public sealed class ProcessSocketsTests(TargetFixture target) : IClassFixture<TargetFixture>
{
    [Fact]
    public async Task An_open_connection_counts_for_this_process_and_not_for_the_target()
    {
        var port = target.Urls.Http1.Port;
        var before = ProcessSockets.CountEstablished(Environment.ProcessId, port);
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(target.Urls.Http1.Host, port);

            Assert.Equal(before + 1, ProcessSockets.CountEstablished(Environment.ProcessId, port));
            Assert.Equal(0, ProcessSockets.CountEstablished(target.Urls.Pid, port));
        }

        Assert.Equal(before, ProcessSockets.CountEstablished(Environment.ProcessId, port));
    }

    [Fact]
    public void A_process_that_does_not_exist_owns_nothing() =>
        Assert.Empty(ProcessSockets.InodesOf(int.MaxValue));
}
