using System.Globalization;
using LeakBench.Census;

namespace LeakBench.Seed;

/// <summary>
/// Which sockets of the OS table belong to one process: <c>/proc/PID/fd/N</c> links to <c>socket:[INODE]</c>
/// for every socket the process holds, and the inode matches the last column of <c>/proc/net/tcp</c>.
/// Counting by ownership keeps the target's sockets, and those of tests running in parallel, out of a count.
/// Where there is no /proc (Windows, macOS) the OS names no owner: the count is then by the target's port
/// alone (<see cref="PortableSocketTable"/>), which is right only while one test at a time talks to the target.
/// </summary>
public static class ProcessSockets
{
    /// <summary>True where sockets are counted by owning process (/proc); false where by target port alone.</summary>
    public static bool CountsByOwner => SocketTable.IsAvailable;

    /// <summary>The socket inodes process <paramref name="pid"/> holds now (empty if it has gone).</summary>
    public static IReadOnlySet<long> InodesOf(int pid) =>
        OwnSockets.Inodes(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/fd"));

    /// <summary>
    /// The distinct inodes of client connections to <paramref name="targetPort"/> that are ESTABLISHED and owned
    /// by one of <paramref name="ownedInodes"/>. Distinct, because one read of /proc/net/tcp is not a snapshot:
    /// the kernel emits it 4 KiB at a time and resumes by position, so while other sockets come and go
    /// the same row can appear more than once (seen here: one worker's 5 connections read as 16 rows).
    /// </summary>
    public static IReadOnlySet<long> EstablishedInodes(IEnumerable<TcpSocket> table, IReadOnlySet<long> ownedInodes, int targetPort) =>
        table.ClientSocketsTo(targetPort)
            .Where(s => s.State == TcpState.Established && s.Inode != 0 && ownedInodes.Contains(s.Inode))
            .Select(s => s.Inode)
            .ToHashSet();

    /// <summary>How many distinct owned ESTABLISHED client connections to <paramref name="targetPort"/> the table holds.</summary>
    public static int CountEstablished(IEnumerable<TcpSocket> table, IReadOnlySet<long> ownedInodes, int targetPort) =>
        EstablishedInodes(table, ownedInodes, targetPort).Count;

    /// <summary>Reads of the table per count (see <see cref="CountEstablished(int, int)"/>).</summary>
    public const int Reads = 3;

    /// <summary>
    /// Process <paramref name="pid"/>'s ESTABLISHED client connections to <paramref name="targetPort"/>, from the OS
    /// table now. The process must be quiescent (its test settled): the table is read <see cref="Reads"/> times and
    /// the sockets seen in any read are counted once, because a read under churn can skip a row as well as repeat one.
    /// </summary>
    public static int CountEstablished(int pid, int targetPort)
    {
        if (!CountsByOwner)
        {
            return CountEstablishedByPort(targetPort);
        }

        // Inodes first: a socket opened after this would not be owned by the count, and a quiescent process opens none.
        var owned = InodesOf(pid);
        var seen = new HashSet<long>();
        for (var i = 0; i < Reads; i++)
        {
            seen.UnionWith(EstablishedInodes(SocketTable.Read(), owned, targetPort));
        }

        return seen.Count;
    }

    /// <summary>
    /// Every ESTABLISHED client connection to <paramref name="targetPort"/>, whichever process holds it (the
    /// portable source): right only while a single test talks to the target. Read <see cref="Reads"/> times like
    /// the owned count, each connection counted once by its two endpoints.
    /// </summary>
    public static int CountEstablishedByPort(int targetPort)
    {
        var seen = new HashSet<(System.Net.IPEndPoint Local, System.Net.IPEndPoint Remote)>();
        for (var i = 0; i < Reads; i++)
        {
            seen.UnionWith(EstablishedByPort(PortableSocketTable.Read(), targetPort));
        }

        return seen.Count;
    }

    /// <summary>The ESTABLISHED client connections to <paramref name="targetPort"/> in a table, by their two endpoints.</summary>
    public static IReadOnlySet<(System.Net.IPEndPoint Local, System.Net.IPEndPoint Remote)> EstablishedByPort(IEnumerable<TcpSocket> table, int targetPort) =>
        table.ClientSocketsTo(targetPort).Where(s => s.State == TcpState.Established).Select(s => (s.Local, s.Remote)).ToHashSet();
}
