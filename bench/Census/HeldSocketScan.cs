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
        var sink = new HeldSink(targetPort, ownInodes);
        Scan(sink, paths);
        var seen = sink.Seen;

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
    /// The bytes queued in the kernel on the client's sockets to <paramref name="targetPort"/> among
    /// <paramref name="ownInodes"/> and, when <paramref name="withServerEnd"/>, on the target's sockets whose remote
    /// port is one of those sockets' local ports (the target listens on <paramref name="targetPort"/> on this machine,
    /// so its end of each connection is a row of the same table). TIME_WAIT and LISTEN rows hold no payload and are skipped.
    /// </summary>
    public static KernelQueues Queues(int targetPort, IReadOnlySet<long> ownInodes, bool withServerEnd, IEnumerable<string>? paths = null)
    {
        ArgumentNullException.ThrowIfNull(ownInodes);
        var sink = new QueueSink(targetPort, ownInodes);
        Scan(sink, paths);
        long client = 0;
        long server = 0;
        foreach (var (localPort, queued) in sink.Client.Values)
        {
            client += queued;
            server += sink.ServerByPeerPort.GetValueOrDefault(localPort);
        }

        return new KernelQueues(client, withServerEnd ? server : null, sink.Client.Count);
    }

    /// <summary>
    /// One row's remote port, state and inode, from its bytes ("   1: 0100007F:A001 0100007F:1F90 01 … 20002 …");
    /// false for the header and anything else that is not a row.
    /// </summary>
    public static bool TryParseRow(ReadOnlySpan<byte> row, out int remotePort, out int state, out long inode) =>
        TryParseRow(row, out _, out remotePort, out state, out _, out _, out inode);

    /// <summary>
    /// One row with its local port and its queues: <c>tx_queue</c> (bytes sent and not yet acknowledged by the peer) and
    /// <c>rx_queue</c> (bytes received and not yet read by the process), the fifth column, "0002A000:00100000", both hex.
    /// </summary>
    public static bool TryParseRow(ReadOnlySpan<byte> row, out int localPort, out int remotePort, out int state, out long txQueue, out long rxQueue, out long inode)
    {
        localPort = 0;
        remotePort = 0;
        state = 0;
        txQueue = 0;
        rxQueue = 0;
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

        var local = row[fields[1]];
        var localColon = local.IndexOf((byte)':');
        var remote = row[fields[2]];
        var remoteColon = remote.IndexOf((byte)':');
        var queues = row[fields[4]];
        var queuesColon = queues.IndexOf((byte)':');
        return localColon >= 0 && remoteColon >= 0 && queuesColon >= 0
            && WholeHex(local[(localColon + 1)..], out localPort)
            && WholeHex(remote[(remoteColon + 1)..], out remotePort)
            && WholeHex(row[fields[3]], out state)
            && WholeHex(queues[..queuesColon], out txQueue)
            && WholeHex(queues[(queuesColon + 1)..], out rxQueue)
            && Utf8Parser.TryParse(row[fields[9]], out inode, out var inodeLength) && inodeLength == row[fields[9]].Length;
    }

    // Utf8Parser stops at the first byte that is not a digit and still succeeds: a field counts only when all of it parsed.
    private static bool WholeHex(ReadOnlySpan<byte> hex, out int value) => Utf8Parser.TryParse(hex, out value, out var length, 'X') && length == hex.Length;

    private static bool WholeHex(ReadOnlySpan<byte> hex, out long value) => Utf8Parser.TryParse(hex, out value, out var length, 'X') && length == hex.Length;

    /// <summary>
    /// Reads <paramref name="paths"/> (default: both /proc tables) a line at a time into a pooled buffer and hands each
    /// line to <paramref name="take"/>; a missing file is skipped.
    /// </summary>
    internal static void Scan(IRowSink take, IEnumerable<string>? paths = null)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
        try
        {
            foreach (var path in paths ?? [SocketTable.Tcp4Path, SocketTable.Tcp6Path])
            {
                if (File.Exists(path))
                {
                    ScanFile(path, buffer, take);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>What a scan does with each line (an interface, not a delegate: a span cannot be a generic argument on .NET 8).</summary>
    internal interface IRowSink
    {
        void Take(ReadOnlySpan<byte> row);
    }

    private static void ScanFile(string path, byte[] buffer, IRowSink take)
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
                take.Take(lines.Slice(consumed, newline));
                consumed += newline + 1;
            }

            if (n == 0)
            {
                take.Take(lines[consumed..]); // a last line without a newline
                return;
            }

            // Keep the partial line; a row is ~150 bytes, so the buffer never fills with one.
            lines[consumed..].CopyTo(buffer);
            filled -= consumed;
        }
    }

    private sealed class HeldSink(int targetPort, IReadOnlySet<long> ownInodes) : IRowSink
    {
        /// <summary>State by inode: one read of /proc/net/tcp is not a snapshot, on a busy table a row can come twice; each socket counts once.</summary>
        public Dictionary<long, int> Seen { get; } = [];

        public void Take(ReadOnlySpan<byte> row)
        {
            if (TryParseRow(row, out var port, out var state, out var inode) && port == targetPort && state is not TimeWait and not Listen && ownInodes.Contains(inode))
            {
                Seen[inode] = state;
            }
        }
    }

    private sealed class QueueSink(int targetPort, IReadOnlySet<long> ownInodes) : IRowSink
    {
        /// <summary>The client's sockets by inode (a row read twice counts once): local port and queued bytes.</summary>
        public Dictionary<long, (int LocalPort, long Queued)> Client { get; } = [];

        /// <summary>The target's sockets on its port by their peer's port: a client's local port names one connection while it is open.</summary>
        public Dictionary<int, long> ServerByPeerPort { get; } = [];

        public void Take(ReadOnlySpan<byte> row)
        {
            if (!TryParseRow(row, out var localPort, out var remotePort, out var state, out var tx, out var rx, out var inode) || state is TimeWait or Listen)
            {
                return;
            }

            if (remotePort == targetPort && ownInodes.Contains(inode))
            {
                Client[inode] = (localPort, tx + rx);
            }
            else if (localPort == targetPort)
            {
                ServerByPeerPort[remotePort] = tx + rx;
            }
        }
    }
}
