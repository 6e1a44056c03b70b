using System.Globalization;

namespace LeakBench.Cli;

/// <summary>Where one run writes: --out, or a new timestamped folder under artifacts/ (git-ignored).</summary>
public static class RunFolder
{
    public static string Create(string? requested, string prefix)
    {
        var path = PathOf(requested, prefix);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>The folder's full path, not yet created (<see cref="Preflight.CheckOutputFolder"/> creates and probes it).</summary>
    public static string PathOf(string? requested, string prefix) =>
        requested is not null
            ? Path.GetFullPath(requested)
            : Path.Combine(RepoRoot(), "artifacts", string.Create(CultureInfo.InvariantCulture, $"{prefix}{DateTime.Now:yyyyMMdd-HHmmss}"));

    /// <summary>The repository root (the folder with LeakBench.sln) above the running program, or the current folder.</summary>
    public static string RepoRoot()
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
