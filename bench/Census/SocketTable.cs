using System.Globalization;
using System.Net;

namespace LeakBench.Census;

/// <summary>One row of <c>/proc/net/tcp</c> or <c>/proc/net/tcp6</c>.</summary>
public sealed record TcpSocket(IPEndPoint Local, IPEndPoint Remote, TcpState State, long Inode);

/// <summary>
/// The OS's own view of TCP sockets: <c>/proc/net/tcp</c> and <c>/proc/net/tcp6</c> list every socket
/// of the network namespace with its state. Parsing is plain code over text so that it can be tested
/// against a saved sample.
/// </summary>
public static class SocketTable
{
    public const string Tcp4Path = "/proc/net/tcp";
    public const string Tcp6Path = "/proc/net/tcp6";

    /// <summary>True where the OS table exists (Linux).</summary>
    public static bool IsAvailable => File.Exists(Tcp4Path);

    /// <summary>Reads both tables now; empty where they don't exist.</summary>
    public static IReadOnlyList<TcpSocket> Read()
    {
        var sockets = new List<TcpSocket>();
        foreach (var path in new[] { Tcp4Path, Tcp6Path })
        {
            if (File.Exists(path))
            {
                sockets.AddRange(Parse(File.ReadAllText(path)));
            }
        }

        return sockets;
    }

    /// <summary>Parses the text of /proc/net/tcp or /proc/net/tcp6 (the header line is skipped).</summary>
    public static IEnumerable<TcpSocket> Parse(string text)
    {
        foreach (var rawLine in text.Split('\n'))
        {
            var fields = rawLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // "sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ..."
            if (fields.Length < 10 || !fields[0].EndsWith(':'))
            {
                continue;
            }

            yield return new TcpSocket(
                ParseEndPoint(fields[1]),
                ParseEndPoint(fields[2]),
                (TcpState)int.Parse(fields[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                long.Parse(fields[9], CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Client-side sockets of a target: those whose remote port is the target's port.</summary>
    public static IEnumerable<TcpSocket> ClientSocketsTo(this IEnumerable<TcpSocket> sockets, int targetPort) =>
        sockets.Where(s => s.Remote.Port == targetPort && s.State != TcpState.Listen);

    /// <summary>
    /// Parses "0100007F:1F90" (IPv4) or "00000000000000000000000001000000:1F90" (IPv6): the address is
    /// written as 32-bit words in host byte order (little-endian on x64), the port in plain hex.
    /// </summary>
    public static IPEndPoint ParseEndPoint(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var hex = text[..colon];
        var port = int.Parse(text[(colon + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        if (hex.Length != 8 && hex.Length != 32)
        {
            throw new FormatException($"not a /proc/net/tcp address: '{text}'");
        }

        var bytes = new byte[hex.Length / 2];
        for (var word = 0; word < hex.Length / 8; word++)
        {
            var value = uint.Parse(hex.AsSpan(word * 8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            // The kernel prints each 32-bit word as a host-order integer.
            var wordBytes = BitConverter.GetBytes(value);
            if (!BitConverter.IsLittleEndian)
            {
                Array.Reverse(wordBytes);
            }

            wordBytes.CopyTo(bytes, word * 4);
        }

        return new IPEndPoint(new IPAddress(bytes), port);
    }
}
