using System.Buffers;
using System.Buffers.Text;

namespace LeakBench.Census;

/// <summary>
/// The census's frequent reading of the Linux socket table (a trajectory sample every 100 requests): the sockets
/// this process holds to the target's port, counted straight from the bytes of <c>/proc/net/tcp</c> and
/// <c>/proc/net/tcp6</c> in a pooled buffer. Parsing every row into strings and records (<see cref="SocketTable"/>)
/// allocated megabytes per sample once a run had left thousands of TIME_WAIT rows, a large-object allocation that
/// brought a GC forward (measured: gen0 GCs right after the samples at requests 301 and 401), and a GC frees what a
/// leaking census is counting. Here a row becomes nothing but three numbers, and TIME_WAIT rows are skipped.
/// </summary>
public static class HeldSocketScan
{
    private const int TimeWait = (int)TcpState.TimeWait;
    private const int Listen = (int)TcpState.Listen;

    /// <summary>
    /// The held client sockets to <paramref name="targetPort"/> (ESTABLISHED, open = every state but TIME_WAIT and
    /// LISTEN, CLOSE_WAIT) among <paramref name="ownInodes"/>; TimeWait is 0 (not read: these samples need no TIME_WAIT).
    /// </summary>
    public static ClientSocketCounts Count(int targetPort, IReadOnlySet<long> ownInodes, IEnumerable<string>? paths = null)
    {
        ArgumentNullException.ThrowIfNull(ownInodes);
        var seen = new Dictionary<long, int>();
        var buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
        try
        {
            foreach (var path in paths ?? [SocketTable.Tcp4Path, SocketTable.Tcp6Path])
            {
                if (File.Exists(path))
                {
                    ScanFile(path, buffer, targetPort, ownInodes, seen);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var established = 0;
        var closeWait = 0;
        foreach (var state in seen.Values)
        {
            established += state == (int)TcpState.Established ? 1 : 0;
            closeWait += state == (int)TcpState.CloseWait ? 1 : 0;
        }

        return new ClientSocketCounts(established, seen.Count, 0, closeWait);
    }

    /// <summary>
    /// One row's remote port, state and inode, from its bytes ("   1: 0100007F:A001 0100007F:1F90 01 … 20002 …");
    /// false for the header and anything else that is not a row.
    /// </summary>
    public static bool TryParseRow(ReadOnlySpan<byte> row, out int remotePort, out int state, out long inode)
    {
        remotePort = 0;
        state = 0;
        inode = 0;
        Span<Range> fields = stackalloc Range[11];
        var count = 0;
        var i = 0;
        while (count < fields.Length && i < row.Length)
        {
            while (i < row.Length && row[i] == (byte)' ')
            {
                i++;
            }

            var start = i;
            while (i < row.Length && row[i] != (byte)' ')
            {
                i++;
            }

            if (i > start)
            {
                fields[count++] = start..i;
            }
        }

        // "sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ..."
        if (count < 10 || row[fields[0]] is not [.., (byte)':'])
        {
            return false;
        }

        var remote = row[fields[2]];
        var colon = remote.IndexOf((byte)':');
        return colon >= 0
            && Utf8Parser.TryParse(remote[(colon + 1)..], out remotePort, out _, 'X')
            && Utf8Parser.TryParse(row[fields[3]], out state, out _, 'X')
            && Utf8Parser.TryParse(row[fields[9]], out inode, out _);
    }

    private static void ScanFile(string path, byte[] buffer, int targetPort, IReadOnlySet<long> ownInodes, Dictionary<long, int> seen)
    {
        // /proc files have no length and are produced as they are read: read to the end, a line at a time.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
        var filled = 0;
        while (true)
        {
            var n = stream.Read(buffer, filled, buffer.Length - filled);
            filled += n;
            var lines = buffer.AsSpan(0, filled);
            var consumed = 0;
            int newline;
            while ((newline = lines[consumed..].IndexOf((byte)'\n')) >= 0)
            {
                Take(lines.Slice(consumed, newline), targetPort, ownInodes, seen);
                consumed += newline + 1;
            }

            if (n == 0)
            {
                Take(lines[consumed..], targetPort, ownInodes, seen); // a last line without a newline
                return;
            }

            // Keep the partial line; a row is ~150 bytes, so the buffer never fills with one.
            lines[consumed..].CopyTo(buffer);
            filled -= consumed;
        }
    }

    private static void Take(ReadOnlySpan<byte> row, int targetPort, IReadOnlySet<long> ownInodes, Dictionary<long, int> seen)
    {
        // One read of /proc/net/tcp is not a snapshot: on a busy table a row can come twice. Each socket counts once, by inode.
        if (TryParseRow(row, out var port, out var state, out var inode) && port == targetPort && state is not TimeWait and not Listen && ownInodes.Contains(inode))
        {
            seen[inode] = state;
        }
    }
}
