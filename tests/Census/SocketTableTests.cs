using System.Net;
using LeakBench.Census;

namespace LeakBench.Tests.Census;

/// <summary>Known answers for the /proc/net/tcp parser, from saved samples (target port 8080 = 0x1F90).</summary>
public sealed class SocketTableTests
{
    private static string Sample(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Census", "Samples", name));

    [Fact]
    public void Parses_every_row_of_the_ipv4_sample_and_skips_the_header()
    {
        var sockets = SocketTable.Parse(Sample("proc-net-tcp.txt")).ToList();

        Assert.Equal(7, sockets.Count);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 8080), sockets[0].Local);
        Assert.Equal(TcpState.Listen, sockets[0].State);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 0xA001), sockets[1].Local);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 8080), sockets[1].Remote);
        Assert.Equal(20002, sockets[1].Inode);
        Assert.Equal(IPAddress.Parse("127.0.0.2"), sockets[6].Local.Address);
    }

    [Fact]
    public void Client_sockets_of_a_target_are_those_whose_remote_port_is_the_targets()
    {
        var clients = SocketTable.Parse(Sample("proc-net-tcp.txt")).ClientSocketsTo(8080).ToList();

        // Rows 1, 3, 4, 6: row 0 listens, row 2 is the server's end, row 5 goes to another port.
        Assert.Equal([0xA001, 0xA002, 0xA003, 0xA005], clients.Select(s => s.Local.Port));
        Assert.Equal([TcpState.Established, TcpState.TimeWait, TcpState.CloseWait, TcpState.Established], clients.Select(s => s.State));
    }

    [Fact]
    public void Parses_ipv6_loopback_and_v4_mapped_addresses()
    {
        var sockets = SocketTable.Parse(Sample("proc-net-tcp6.txt")).ToList();

        Assert.Equal(3, sockets.Count);
        Assert.Equal(IPAddress.IPv6Loopback, sockets[1].Local.Address);
        Assert.Equal(IPAddress.Parse("::ffff:127.0.0.1"), sockets[2].Remote.Address);
        Assert.Equal(TcpState.TimeWait, sockets[2].State);
        Assert.Equal(2, sockets.ClientSocketsTo(8080).Count());
    }

    [Theory]
    [InlineData("0100007F:0050", "127.0.0.1", 80)]
    [InlineData("00000000:0000", "0.0.0.0", 0)]
    [InlineData("0101A8C0:FFFF", "192.168.1.1", 65535)]
    public void Endpoints_decode_host_order_words(string text, string address, int port) =>
        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), SocketTable.ParseEndPoint(text));

    [Fact]
    public void A_malformed_address_is_a_format_error() =>
        Assert.Throws<FormatException>(() => SocketTable.ParseEndPoint("0100:0050"));

    [Fact]
    public void The_live_table_sees_a_listening_socket_of_this_process()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        Assert.Contains(SocketTable.Read(), s => s.Local.Port == port && s.State == TcpState.Listen);
    }
}
