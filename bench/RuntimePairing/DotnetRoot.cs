using System.Runtime.InteropServices;
using LeakBench.Processes;
using LeakBench.Target;

namespace LeakBench.RuntimePairing;

/// <summary>
/// Finds a dotnet that has every client runtime the comparison asks for: the installed one (the host that runs
/// LeakBench, <see cref="DotnetHost"/>) when it has them all, else the repository-local root that
/// eng/dotnet-root.sh (or .ps1) makes from NuGet's runtime packs. Nothing is installed system-wide.
/// </summary>
public static class DotnetRoot
{
    /// <summary>For <c>dotnet --list-runtimes</c>, which reads only the install folder.</summary>
    public static readonly TimeSpan ListDeadline = TimeSpan.FromMinutes(1);

    /// <summary>For the script, which may download runtime packs from NuGet.</summary>
    public static readonly TimeSpan ScriptDeadline = TimeSpan.FromMinutes(15);

    /// <summary>The dotnet path to hand BenchmarkDotNet (--cli), or null when the installed one has every runtime.</summary>
    public static async Task<string?> EnsureAsync(IReadOnlyList<string> monikers, CancellationToken cancellationToken = default)
    {
        var installed = await InstalledChannelsAsync(cancellationToken);
        var missing = monikers.Select(Channel).Where(c => !installed.Contains(c)).Distinct().ToList();
        if (missing.Count == 0)
        {
            return null;
        }

        var root = Repository.Root();
        var windows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
        var script = Path.Combine(root, "eng", windows ? "dotnet-root.ps1" : "dotnet-root.sh");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"the runtimes {string.Join(", ", missing)} are not installed and {script} is missing");
        }

        Console.WriteLine($"leakbench: .NET {string.Join(" and ", missing)} not installed; making the local dotnet root with {Path.GetRelativePath(root, script)}");
        string[] arguments = windows ? ["-NoProfile", "-File", script, "-Runtimes", string.Join(' ', missing)] : [script, "--runtimes", string.Join(' ', missing)];
        string? last = null;
        ProcessResult result;
        try
        {
            result = await ChildProcess.RunAsync(
                windows ? "pwsh" : "bash",
                arguments,
                ScriptDeadline,
                root,
                // The script copies "the dotnet on PATH": make that the host checked above.
                environment => environment["PATH"] = Path.GetDirectoryName(DotnetHost.Path) + Path.PathSeparator + environment["PATH"],
                line =>
                {
                    Console.WriteLine($"leakbench:   {line}");
                    last = line;
                },
                cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException($"{Path.GetFileName(script)}: {e.Message}", e);
        }

        if (result.ExitCode != 0 || last is null || !File.Exists(last.Trim()))
        {
            throw new InvalidOperationException($"{Path.GetFileName(script)} failed (exit {result.ExitCode}); see its output above{Environment.NewLine}{result.StandardError}".TrimEnd());
        }

        return last.Trim();
    }

    /// <summary>"net8.0" gives "8.0".</summary>
    public static string Channel(string moniker) => moniker.StartsWith("net", StringComparison.Ordinal) ? moniker[3..] : moniker;

    private static async Task<HashSet<string>> InstalledChannelsAsync(CancellationToken cancellationToken)
    {
        ProcessResult result;
        try
        {
            result = await ChildProcess.RunAsync(DotnetHost.Path, ["--list-runtimes"], ListDeadline, cancellationToken: cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException(e.Message, e);
        }

        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{DotnetHost.Path} --list-runtimes failed (exit {result.ExitCode}): {result.StandardError}".TrimEnd());
        }

        // "Microsoft.NETCore.App 8.0.34 [/path]": a channel counts when both the runtime and ASP.NET Core are there.
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).Where(p => p.Length >= 2).ToList();
        static string ChannelOf(string version) => string.Join('.', version.Split('.').Take(2));
        var core = lines.Where(p => p[0] == "Microsoft.NETCore.App").Select(p => ChannelOf(p[1])).ToHashSet();
        var asp = lines.Where(p => p[0] == "Microsoft.AspNetCore.App").Select(p => ChannelOf(p[1])).ToHashSet();
        core.IntersectWith(asp);
        return core;
    }
}
