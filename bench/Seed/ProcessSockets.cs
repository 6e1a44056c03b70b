using System.Globalization;
using LeakBench.Census;

namespace LeakBench.Seed;

/// <summary>
/// Which sockets of the OS table belong to one process: <c>/proc/PID/fd/N</c> links to <c>socket:[INODE]</c>
/// for every socket the process holds, and the inode matches the last column of <c>/proc/net/tcp</c>.
/// Counting by ownership keeps the target's sockets, and those of tests running in parallel, out of a count.
/// </summary>
public static class ProcessSockets
{
    /// <summary>The socket inodes process <paramref name="pid"/> holds now (empty if it has gone).</summary>
    public static IReadOnlySet<long> InodesOf(int pid)
    {
        var inodes = new HashSet<long>();
        string[] fds;
        try
        {
            fds = Directory.GetFiles(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/fd"));
        }
        catch (Exception e) when (e is DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            return inodes;
        }

        foreach (var fd in fds)
        {
            try
            {
                if (ParseSocketInode(new FileInfo(fd).LinkTarget) is long inode)
                {
                    inodes.Add(inode);
                }
            }
            catch (Exception e) when (e is FileNotFoundException or IOException or UnauthorizedAccessException)
            {
                // The descriptor closed between listing and reading: it holds nothing now.
            }
        }

        return inodes;
    }

    /// <summary>"socket:[12345]" gives 12345; any other link target (a file, a pipe) gives null.</summary>
    public static long? ParseSocketInode(string? linkTarget)
    {
        const string prefix = "socket:[";
        if (linkTarget is null || !linkTarget.StartsWith(prefix, StringComparison.Ordinal) || !linkTarget.EndsWith(']'))
        {
            return null;
        }

        return long.TryParse(linkTarget.AsSpan(prefix.Length, linkTarget.Length - prefix.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var inode)
            ? inode
            : null;
    }

    /// <summary>Client connections to <paramref name="targetPort"/> that are ESTABLISHED and owned by one of <paramref name="ownedInodes"/>.</summary>
    public static int CountEstablished(IEnumerable<TcpSocket> table, IReadOnlySet<long> ownedInodes, int targetPort) =>
        table.ClientSocketsTo(targetPort).Count(s => s.State == TcpState.Established && ownedInodes.Contains(s.Inode));

    /// <summary>Process <paramref name="pid"/>'s ESTABLISHED client connections to <paramref name="targetPort"/>, from the OS table now.</summary>
    public static int CountEstablished(int pid, int targetPort)
    {
        // Inodes first: a socket opened after the table read would not be in it anyway.
        var owned = InodesOf(pid);
        return CountEstablished(SocketTable.Read(), owned, targetPort);
    }
}
