namespace LeakBench.Census;

/// <summary>
/// Where the census reads the OS's TCP sockets (<c>--socket-table proc|portable</c>), chosen once per run.
/// The option values are the lower-case names.
/// </summary>
public enum SocketTableSource
{
    /// <summary><c>/proc/net/tcp</c> and <c>/proc/net/tcp6</c>, narrowed to this process's own sockets by inode (Linux only).</summary>
    Proc,

    /// <summary>
    /// <c>IPGlobalProperties.GetActiveTcpConnections()</c>, on every OS: states but no owning process, so every
    /// socket to the target's port counts (see <see cref="PortableSocketTable"/>).
    /// </summary>
    Portable,
}

/// <summary>Names, parsing and the default of <see cref="SocketTableSource"/>.</summary>
public static class SocketTableSources
{
    /// <summary>proc where <c>/proc/net/tcp</c> exists (Linux), portable elsewhere.</summary>
    public static SocketTableSource Default => SocketTable.IsAvailable ? SocketTableSource.Proc : SocketTableSource.Portable;

    /// <summary>The option value, e.g. "proc".</summary>
    public static string Name(this SocketTableSource source) => source switch
    {
        SocketTableSource.Proc => "proc",
        SocketTableSource.Portable => "portable",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };

    public static bool TryParse(string? name, out SocketTableSource source)
    {
        foreach (var candidate in Enum.GetValues<SocketTableSource>())
        {
            if (string.Equals(name, candidate.Name(), StringComparison.Ordinal))
            {
                source = candidate;
                return true;
            }
        }

        source = default;
        return false;
    }

    /// <summary>What the report's environment block says about the source.</summary>
    public static string Describe(this SocketTableSource source) => source switch
    {
        SocketTableSource.Proc => "proc: /proc/net/tcp and /proc/net/tcp6, the client process's own sockets (by inode)",
        SocketTableSource.Portable => "portable: IPGlobalProperties.GetActiveTcpConnections(), every socket to the target's port (no owner; the port is private to the run)",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };

    /// <summary>The reader of <paramref name="source"/>.</summary>
    public static ISocketTable Open(this SocketTableSource source) => source switch
    {
        SocketTableSource.Proc => new ProcSocketTable(),
        SocketTableSource.Portable => new PortableSocketTable(),
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };
}
