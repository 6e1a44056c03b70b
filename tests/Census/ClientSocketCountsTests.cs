using System.Net;
using LeakBench.Census;

namespace LeakBench.Tests.Census;

/// <summary>Known answers for counting one process's client sockets in a saved OS table (target port 8080).</summary>
public sealed class ClientSocketCountsTests
{
    internal static List<TcpSocket> Sample() =>
        SocketTable.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Census", "Samples", "proc-net-tcp.txt"))).ToList();

    [Fact]
    public void Counts_only_sockets_this_process_owns_except_time_wait()
    {
        // Owns the ESTABLISHED client socket (20002), the CLOSE_WAIT one (20005) and the server's end (20003);
        // 20007 (127.0.0.2 -> 8080) belongs to another process.
        var counts = ClientSocketCounts.From(Sample(), new HashSet<long> { 20002, 20003, 20005 }, 8080);

        Assert.Equal(new ClientSocketCounts(Established: 1, Open: 2, TimeWait: 1, CloseWait: 1), counts);
    }

    [Fact]
    public void A_row_read_twice_counts_once()
    {
        // /proc/net/tcp is read in pages; a busy table can show the same socket twice.
        var doubled = Sample().Concat(Sample()).ToList();

        var counts = ClientSocketCounts.From(doubled, new HashSet<long> { 20002, 20003, 20005 }, 8080);

        Assert.Equal(new ClientSocketCounts(Established: 1, Open: 2, TimeWait: 1, CloseWait: 1), counts);
    }

    [Fact]
    public void Time_wait_sockets_of_the_baseline_are_not_counted()
    {
        var before = new HashSet<IPEndPoint> { new(IPAddress.Loopback, 0xA002) };

        var counts = ClientSocketCounts.From(Sample(), new HashSet<long> { 20002 }, 8080, before);

        Assert.Equal(0, counts.TimeWait);
        Assert.Equal(1, counts.Established);
    }

    [Fact]
    public void Another_target_port_sees_only_its_own_sockets()
    {
        var counts = ClientSocketCounts.From(Sample(), new HashSet<long> { 20002, 20006 }, 0x1F91);

        Assert.Equal(new ClientSocketCounts(Established: 1, Open: 1, TimeWait: 0, CloseWait: 0), counts);
    }

    [Theory]
    [InlineData("socket:[12345]", true, 12345)]
    [InlineData("socket:[]", false, 0)]
    [InlineData("pipe:[12345]", false, 0)]
    [InlineData("/dev/null", false, 0)]
    [InlineData(null, false, 0)]
    public void Socket_links_parse_to_inodes(string? link, bool ok, long inode)
    {
        Assert.Equal(ok, OwnSockets.TryParseSocketLink(link, out var parsed));
        Assert.Equal(inode, parsed);
    }

    [Fact]
    public void This_process_owns_the_socket_it_opens()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var inode = SocketTable.Read().Single(s => s.Local.Port == port && s.State == TcpState.Listen).Inode;

        Assert.Contains(inode, OwnSockets.Inodes());
    }
}
