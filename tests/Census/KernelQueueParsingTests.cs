using System.Text;
using LeakBench.Census;

namespace LeakBench.Tests.Census;

/// <summary>Known answers for the tx_queue:rx_queue column of /proc/net/tcp and the two ends' sums, on sample lines.</summary>
public sealed class KernelQueueParsingTests
{
    // Target port 8080 (1F90). Client 41000 (A028) with 1 MiB unread (rx 100000), its target end with 2 MiB unsent or
    // unacknowledged (tx 200000); a second connection from 41001 (A029), nothing queued; a TIME_WAIT row and the LISTEN
    // row, whose queues say nothing about payload; a target end whose peer is another process's client (41002, A02A).
    private static readonly string[] Rows =
    [
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
        "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000080 00:00000000 00000000     0        0 30001 1 0000000000000000 100 0 0 10 0",
        "   1: 0100007F:A028 0100007F:1F90 01 00000000:00100000 00:00000000 00000000  1000        0 30002 1 0000000000000000 20 4 30 10 -1",
        "   2: 0100007F:1F90 0100007F:A028 01 00200000:00000000 01:00000014 00000000  1000        0 30003 1 0000000000000000 20 4 30 10 -1",
        "   3: 0100007F:A029 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1000        0 30004 1 0000000000000000 20 4 30 10 -1",
        "   4: 0100007F:1F90 0100007F:A029 01 00000000:00000000 00:00000000 00000000  1000        0 30005 1 0000000000000000 20 4 30 10 -1",
        "   5: 0100007F:A02B 0100007F:1F90 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000",
        "   6: 0100007F:1F90 0100007F:A02A 01 00004000:00000000 00:00000000 00000000  1000        0 30006 1 0000000000000000 20 4 30 10 -1",
    ];

    [Theory]
    [InlineData(2, 41000, 8080, 1, 0L, 0x100000L, 30002L)]
    [InlineData(3, 8080, 41000, 1, 0x200000L, 0L, 30003L)]
    [InlineData(6, 41003, 8080, 6, 0L, 0L, 0L)]
    public void Rows_parse_to_local_port_and_both_queues(int line, int local, int remote, int state, long tx, long rx, long inode)
    {
        Assert.True(HeldSocketScan.TryParseRow(Encoding.ASCII.GetBytes(Rows[line]), out var l, out var r, out var s, out var t, out var x, out var i));
        Assert.Equal((local, remote, state, tx, rx, inode), (l, r, s, t, x, i));
    }

    [Theory]
    [InlineData("   1: 0100007F:A028 0100007F:1F90 01 00000000 00:00000000 00000000  1000        0 30002 1")] // no colon in the queues
    [InlineData("   1: 0100007F:A028 0100007F:1F90 01 0000000G:00000000 00:00000000 00000000  1000        0 30002 1")] // not hex
    [InlineData("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode")]
    public void Rows_with_unreadable_queues_are_not_rows(string row) =>
        Assert.False(HeldSocketScan.TryParseRow(Encoding.ASCII.GetBytes(row), out _, out _, out _, out _, out _, out _));

    [Fact]
    public void The_two_ends_sum_the_owned_client_sockets_and_their_peers_only()
    {
        var path = Write(Rows);
        try
        {
            var queues = HeldSocketScan.Queues(8080, new HashSet<long> { 30002, 30004 }, withServerEnd: true, [path]);

            Assert.Equal(new KernelQueues(ClientBytes: 0x100000, ServerBytes: 0x200000, OpenClientSockets: 2), queues);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_remote_target_has_no_server_end_and_another_process_s_sockets_do_not_count()
    {
        var path = Write(Rows);
        try
        {
            var queues = HeldSocketScan.Queues(8080, new HashSet<long> { 30004 }, withServerEnd: false, [path]);

            Assert.Equal(new KernelQueues(ClientBytes: 0, ServerBytes: null, OpenClientSockets: 1), queues);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_portable_source_has_no_queues()
    {
        Assert.Null(new PortableSocketTable().QueuedBytes(8080, targetOnThisMachine: true));
    }

    private static string Write(IEnumerable<string> rows)
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, string.Join('\n', rows) + "\n");
        return path;
    }
}
