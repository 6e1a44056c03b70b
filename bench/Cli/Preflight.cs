using LeakBench.Census;
using System.Globalization;

namespace LeakBench.Cli;

/// <summary>
/// Checks made before the target starts, so that a run that cannot succeed says why in one line (exit 2)
/// instead of failing minutes later: the output folder can be written, and the open-file limit is high enough.
/// </summary>
public static class Preflight
{
    /// <summary>
    /// What the run needs besides the census's sockets: the headroom MSBuild's nodes and the runtime need for
    /// BenchmarkDotNet's build of the benchmark project (it failed with "Too many open files" at 200) — 1024 is
    /// the soft limit most Linux hosts start with, under which the build is known to work.
    /// </summary>
    public const int BuildAndRuntimeFiles = 1024;

    /// <summary>Creates the folder and writes and deletes a probe file in it; the error is one line naming the path and the reason.</summary>
    public static string? CheckOutputFolder(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".leakbench-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "probe");
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return $"cannot write to the output folder {folder}: {OneLine(e.Message)}";
        }
    }

    /// <summary>
    /// A leaking case can hold one socket per census request until a GC closes them (the census's peak), on top of
    /// <see cref="BuildAndRuntimeFiles"/>. .NET raises its soft limit to the hard one at start, so the hard limit is what counts.
    /// </summary>
    public static int FilesNeeded(int censusRequests) => censusRequests + BuildAndRuntimeFiles;

    /// <summary>The error when the hard open-file limit is below <paramref name="needed"/>; null when it is enough or the OS has no such limit (Windows).</summary>
    public static string? CheckFileLimit(int needed) => CheckFileLimit(needed, HardFileLimit());

    public static string? CheckFileLimit(int needed, long? hardLimit) =>
        hardLimit is long hard && hard < needed
            ? string.Create(CultureInfo.InvariantCulture, $"the hard open-file limit is {hard}, and this run needs {needed} (one socket per census request for a leaking case, plus {BuildAndRuntimeFiles} for the build and the runtime): raise it with 'ulimit -n {needed}' (as root, or in /etc/security/limits.conf), or give fewer --requests")
            : null;

    /// <summary>
    /// The hard RLIMIT_NOFILE (what <c>ulimit -Hn</c> reports, and what .NET raises its soft limit to at start), or null
    /// where there is none (Windows) or it is unlimited.
    /// </summary>
    public static long? HardFileLimit()
    {
        if (!FileDescriptorLimit.IsSupported)
        {
            return null;
        }

        var hard = FileDescriptorLimit.Read().Hard;
        return hard >= long.MaxValue ? null : (long)hard;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
