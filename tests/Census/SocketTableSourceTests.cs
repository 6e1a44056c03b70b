using System.Net;
using LeakBench.Census;
using LeakBench.Cli;

namespace LeakBench.Tests.Census;

/// <summary>Known answers for the portable source's counting (by port, no owner), its states and the option that picks it.</summary>
public sealed class SocketTableSourceTests
{
    private static List<TcpSocket> Sample() => ClientSocketCountsTests.Sample();

    [Fact]
    public void By_port_every_client_socket_to_the_target_counts_whoever_holds_it()
    {
        // 8080's client sockets: ESTABLISHED from 127.0.0.1 (20002) and from 127.0.0.2 (20007, another process:
        // the portable source cannot tell, which is why the target's port must be private to the run),
        // CLOSE_WAIT (20005) and one TIME_WAIT. The listener and the server's end don't count.
        var counts = ClientSocketCounts.ByPort(Sample(), 8080);

        Assert.Equal(new ClientSocketCounts(Established: 2, Open: 3, TimeWait: 1, CloseWait: 1), counts);
    }

    [Fact]
    public void By_port_a_row_read_twice_counts_once_and_baseline_time_waits_are_left_out()
    {
        var before = new HashSet<IPEndPoint> { new(IPAddress.Loopback, 0xA002) };

        var counts = ClientSocketCounts.ByPort(Sample().Concat(Sample()), 8080, before);

        Assert.Equal(new ClientSocketCounts(Established: 2, Open: 3, TimeWait: 0, CloseWait: 1), counts);
    }

    [Theory]
    [InlineData(TcpState.Established, true)]
    [InlineData(TcpState.SynSent, true)]
    [InlineData(TcpState.CloseWait, true)]
    [InlineData(TcpState.FinWait1, false)]
    [InlineData(TcpState.FinWait2, false)]
    [InlineData(TcpState.LastAck, false)]
    [InlineData(TcpState.Closing, false)]
    public void By_port_closed_sockets_lingering_without_an_owner_are_not_open(TcpState state, bool open)
    {
        // The proc source leaves these out because an orphaned socket has inode 0; by port, its state says it.
        var target = new IPEndPoint(IPAddress.Loopback, 8080);
        TcpSocket[] table = [new(new IPEndPoint(IPAddress.Loopback, 40000), target, state, Inode: 0)];

        Assert.Equal(open ? 1 : 0, ClientSocketCounts.ByPort(table, 8080).Open);
    }

    [Theory]
    [InlineData(System.Net.NetworkInformation.TcpState.Established, TcpState.Established)]
    [InlineData(System.Net.NetworkInformation.TcpState.SynSent, TcpState.SynSent)]
    [InlineData(System.Net.NetworkInformation.TcpState.SynReceived, TcpState.SynRecv)]
    [InlineData(System.Net.NetworkInformation.TcpState.FinWait1, TcpState.FinWait1)]
    [InlineData(System.Net.NetworkInformation.TcpState.FinWait2, TcpState.FinWait2)]
    [InlineData(System.Net.NetworkInformation.TcpState.TimeWait, TcpState.TimeWait)]
    [InlineData(System.Net.NetworkInformation.TcpState.CloseWait, TcpState.CloseWait)]
    [InlineData(System.Net.NetworkInformation.TcpState.LastAck, TcpState.LastAck)]
    [InlineData(System.Net.NetworkInformation.TcpState.Listen, TcpState.Listen)]
    [InlineData(System.Net.NetworkInformation.TcpState.Closing, TcpState.Closing)]
    [InlineData(System.Net.NetworkInformation.TcpState.Closed, TcpState.Close)]
    [InlineData(System.Net.NetworkInformation.TcpState.DeleteTcb, TcpState.Close)]
    [InlineData(System.Net.NetworkInformation.TcpState.Unknown, TcpState.Close)]
    public void Portable_states_map_to_the_census_numbering(System.Net.NetworkInformation.TcpState portable, TcpState census)
    {
        Assert.Equal(census, PortableSocketTable.ToCensusState(portable));
    }

    [Fact]
    public void The_portable_source_sees_a_live_connection_with_its_state()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var client = new System.Net.Sockets.TcpClient();
        client.Connect(IPAddress.Loopback, port);
        using var accepted = listener.AcceptTcpClient();

        var counts = SocketTableSource.Portable.Open().Count(port);

        Assert.Equal(new ClientSocketCounts(Established: 1, Open: 1, TimeWait: 0, CloseWait: 0), counts);
    }

    [Theory]
    [InlineData("proc", SocketTableSource.Proc)]
    [InlineData("portable", SocketTableSource.Portable)]
    public void Names_round_trip(string name, SocketTableSource source)
    {
        Assert.True(SocketTableSources.TryParse(name, out var parsed));
        Assert.Equal(source, parsed);
        Assert.Equal(name, source.Name());
        Assert.StartsWith(name + ": ", source.Describe(), StringComparison.Ordinal);
        Assert.Equal(source, source.Open().Source);
    }

    [Fact]
    public void The_default_is_proc_where_proc_net_tcp_exists_and_portable_elsewhere()
    {
        Assert.Equal(File.Exists("/proc/net/tcp") ? SocketTableSource.Proc : SocketTableSource.Portable, SocketTableSources.Default);
        Assert.Equal(SocketTableSources.Default, new CensusSettings().SocketTable);
        Assert.Equal(SocketTableSources.Default, StudyOptions.Parse([]).SocketTable);
    }

    [Fact]
    public void The_option_picks_the_source_and_refuses_other_values()
    {
        Assert.Equal(SocketTableSource.Portable, StudyOptions.Parse(["--socket-table", "portable"]).SocketTable);
        Assert.Equal("--socket-table takes proc or portable, got 'netstat'", StudyOptions.Parse(["--socket-table", "netstat"]).Error);
        Assert.Contains("--socket-table", StudyOptions.Parse(["--socket-table"]).Error, StringComparison.Ordinal);
    }
}
