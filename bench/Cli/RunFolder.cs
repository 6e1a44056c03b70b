using System.Globalization;
using LeakBench.Processes;

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
            : Path.Combine(Repository.Root(), "artifacts", string.Create(CultureInfo.InvariantCulture, $"{prefix}{DateTime.Now:yyyyMMdd-HHmmss}"));
}
