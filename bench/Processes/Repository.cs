namespace LeakBench.Processes;

/// <summary>
/// Where the repository is: the run folders, the child builds and eng/'s scripts are all found from it. Here, below
/// every folder that starts a child, rather than with the commands.
/// </summary>
public static class Repository
{
    /// <summary>The repository root (the folder with LeakBench.sln) above the running program, or the current folder.</summary>
    public static string Root()
    {
        // The working directory first: a clone's run writes into that clone, wherever the binaries were built.
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "LeakBench.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return Environment.CurrentDirectory;
    }
}
