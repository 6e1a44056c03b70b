using System.Text;
using LeakBench.Census;

namespace LeakBench.Tests.Census;

/// <summary>Known answers for the allocation-light reading of the saved OS table (target port 8080), against the full parser.</summary>
public sealed class HeldSocketScanTests
{
    private static string SamplePath => Path.Combine(AppContext.BaseDirectory, "Census", "Samples", "proc-net-tcp.txt");

    [Fact]
    public void Counts_the_held_sockets_as_the_full_parser_does_without_time_wait()
    {
        var owned = new HashSet<long> { 20002, 20003, 20005 };

        var scanned = HeldSocketScan.Count(8080, owned, [SamplePath]);

        var parsed = ClientSocketCounts.From(ClientSocketCountsTests.Sample(), owned, 8080);
        Assert.Equal(parsed with { TimeWait = 0 }, scanned);
        Assert.Equal(new ClientSocketCounts(Established: 1, Open: 2, TimeWait: 0, CloseWait: 1), scanned);
    }

    [Fact]
    public void A_row_read_twice_counts_once_and_a_file_without_a_last_newline_is_read_to_its_end()
    {
        var doubled = Path.GetTempFileName();
        try
        {
            var text = File.ReadAllText(SamplePath).TrimEnd('\n');
            File.WriteAllText(doubled, text + "\n" + string.Join('\n', text.Split('\n').Skip(1)));

            var scanned = HeldSocketScan.Count(8080, new HashSet<long> { 20002, 20003, 20005 }, [doubled]);

            Assert.Equal(new ClientSocketCounts(Established: 1, Open: 2, TimeWait: 0, CloseWait: 1), scanned);
        }
        finally
        {
            File.Delete(doubled);
        }
    }

    [Theory]
    [InlineData("   1: 0100007F:A001 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 20002 1 0000000000000000 20 4 30 10 -1", true, 8080, 1, 20002L)]
    [InlineData("   7: 0100007F:A003 0100007F:1F90 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000", true, 8080, 6, 0L)]
    [InlineData("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode", false, 0, 0, 0L)]
    [InlineData("", false, 0, 0, 0L)]
    public void Rows_parse_to_remote_port_state_and_inode(string row, bool ok, int port, int state, long inode)
    {
        Assert.Equal(ok, HeldSocketScan.TryParseRow(Encoding.ASCII.GetBytes(row), out var p, out var s, out var i));
        if (ok)
        {
            Assert.Equal((port, state, inode), (p, s, i));
        }
    }

    [Fact]
    public void A_large_table_is_scanned_across_buffer_refills()
    {
        // 5,000 TIME_WAIT rows (a busy run's leftovers, about 750 KB) ahead of the sample: several 256 KiB buffers.
        var big = Path.GetTempFileName();
        try
        {
            var rows = Enumerable.Range(0, 5000).Select(n =>
                $"{n,4}: 0100007F:{n + 1000:X4} 0100007F:1F90 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000                              ");
            File.WriteAllText(big, File.ReadAllText(SamplePath) + string.Join('\n', rows) + "\n");

            var scanned = HeldSocketScan.Count(8080, new HashSet<long> { 20002, 20003, 20005 }, [big]);

            Assert.Equal(new ClientSocketCounts(Established: 1, Open: 2, TimeWait: 0, CloseWait: 1), scanned);
        }
        finally
        {
            File.Delete(big);
        }
    }
}
