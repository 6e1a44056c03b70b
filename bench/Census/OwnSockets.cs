namespace LeakBench.Census;

/// <summary>
/// The socket inodes this process holds (from <c>/proc/self/fd</c>), so that the OS table can be
/// narrowed to this process's own sockets: the target's sockets and any other client never count.
/// TIME_WAIT sockets belong to no process (inode 0) and are matched by endpoint instead.
/// </summary>
public static class OwnSockets
{
    public static HashSet<long> Inodes(string fdDirectory = "/proc/self/fd")
    {
        var inodes = new HashSet<long>();
        if (!Directory.Exists(fdDirectory))
        {
            return inodes;
        }

        string[] fds;
        try
        {
            fds = Directory.GetFiles(fdDirectory);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            return inodes; // the process has gone
        }

        foreach (var fd in fds)
        {
            string? target;
            try
            {
                target = new FileInfo(fd).LinkTarget;
            }
            catch (IOException)
            {
                continue; // closed between listing and reading
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            if (TryParseSocketLink(target, out var inode))
            {
                inodes.Add(inode);
            }
        }

        return inodes;
    }

    /// <summary>Parses a link target of the form <c>socket:[12345]</c>.</summary>
    public static bool TryParseSocketLink(string? linkTarget, out long inode)
    {
        inode = 0;
        return linkTarget is not null
            && linkTarget.StartsWith("socket:[", StringComparison.Ordinal)
            && linkTarget.EndsWith(']')
            && long.TryParse(linkTarget.AsSpan(8, linkTarget.Length - 9), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out inode);
    }
}
