using System.Diagnostics;
using System.Runtime.InteropServices;

namespace LeakBench.Cli;

/// <summary>
/// Finds a dotnet that has every client runtime the comparison asks for: the installed one when it
/// has them all, else the repository-local root that eng/dotnet-root.sh (or .ps1) makes from NuGet's
/// runtime packs. Nothing is installed system-wide.
/// </summary>
public static class DotnetRoot
{
    /// <summary>The dotnet path to hand BenchmarkDotNet (--cli), or null when the installed one has every runtime.</summary>
    public static async Task<string?> EnsureAsync(IReadOnlyList<string> monikers, CancellationToken cancellationToken = default)
    {
        var installed = await InstalledChannelsAsync(cancellationToken);
        var missing = monikers.Select(Channel).Where(c => !installed.Contains(c)).Distinct().ToList();
        if (missing.Count == 0)
        {
            return null;
        }

        var root = RunFolder.RepoRoot();
        var windows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
        var script = Path.Combine(root, "eng", windows ? "dotnet-root.ps1" : "dotnet-root.sh");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"the runtimes {string.Join(", ", missing)} are not installed and {script} is missing");
        }

        Console.WriteLine($"leakbench: .NET {string.Join(" and ", missing)} not installed; making the local dotnet root with {Path.GetRelativePath(root, script)}");
        var psi = new ProcessStartInfo(windows ? "pwsh" : "bash") { RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = root };
        foreach (var a in windows ? ["-NoProfile", "-File", script, "-Runtimes", string.Join(' ', missing)] : new[] { script, "--runtimes", string.Join(' ', missing) })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot run {script}");
        string? last = null;
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            Console.WriteLine($"leakbench:   {line}");
            last = line;
        }

        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 || last is null || !File.Exists(last.Trim()))
        {
            throw new InvalidOperationException($"{Path.GetFileName(script)} failed (exit {process.ExitCode}); see its output above");
        }

        return last.Trim();
    }

    /// <summary>"net8.0" gives "8.0".</summary>
    public static string Channel(string moniker) => moniker.StartsWith("net", StringComparison.Ordinal) ? moniker[3..] : moniker;

    private static async Task<HashSet<string>> InstalledChannelsAsync(CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo("dotnet", "--list-runtimes") { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot run dotnet --list-runtimes");
        var text = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        // "Microsoft.NETCore.App 8.0.34 [/path]": a channel counts when both the runtime and ASP.NET Core are there.
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).Where(p => p.Length >= 2).ToList();
        static string ChannelOf(string version) => string.Join('.', version.Split('.').Take(2));
        var core = lines.Where(p => p[0] == "Microsoft.NETCore.App").Select(p => ChannelOf(p[1])).ToHashSet();
        var asp = lines.Where(p => p[0] == "Microsoft.AspNetCore.App").Select(p => ChannelOf(p[1])).ToHashSet();
        core.IntersectWith(asp);
        return core;
    }
}
