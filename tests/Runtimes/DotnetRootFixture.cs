using LeakBench.Tests.Scripts;
using LeakBench.Tests.Support;

namespace LeakBench.Tests.Runtimes;

/// <summary>
/// Runs eng/dotnet-root.sh and eng/dotnet-root.ps1 against scratch folders. Every run goes through a
/// logging <c>dotnet</c> shim first on PATH, so a test can tell whether a run restored (downloaded)
/// anything. One root is built once by the bash script and shared by the tests; everything is
/// deleted at the end (deleting a root removes its links, never what they point to).
/// </summary>
public sealed class DotnetRootFixture : IAsyncLifetime
{
    public static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(10);

    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "leakbench-dotnet-root-" + Guid.NewGuid().ToString("N"));

    /// <summary>The root built by the bash script in <see cref="InitializeAsync"/>.</summary>
    public string Root => Path.Combine(_scratch, "root");

    public string RootDotnet => Path.Combine(Root, "dotnet");

    /// <summary>The first run of the bash script on <see cref="Root"/>.</summary>
    public ScriptRun FirstRun { get; private set; } = null!;

    public string RealDotnet { get; } = FindOnPath("dotnet") ?? throw new InvalidOperationException("dotnet is not on PATH");

    /// <summary>The pinned versions both scripts read: channel -> (NETCore.App, AspNetCore.App).</summary>
    public IReadOnlyDictionary<string, (string Core, string AspNet)> Pins { get; } = ReadPins();

    public string NewScratchFolder(string name)
    {
        var path = Path.Combine(_scratch, name);
        Directory.CreateDirectory(path);
        return path;
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_scratch);
        FirstRun = await RunBashAsync(["--root", Root]);
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <param name="pathPrefix">A folder put first on PATH (before the shim), to stand in for other commands.</param>
    public Task<ScriptRun> RunBashAsync(IEnumerable<string> args, string? pathPrefix = null) =>
        RunScriptAsync("bash", [Path.Combine(RepoPaths.Root, "eng", "dotnet-root.sh"), .. args], pathPrefix);

    public Task<ScriptRun> RunPowerShellAsync(IEnumerable<string> args)
    {
        // PowerShell 7 from the repository's tool manifest, run by the real dotnet (not the logging shim).
        return RunScriptAsync(PowerShellTool.FileName, PowerShellTool.RunFile(Path.Combine(RepoPaths.Root, "eng", "dotnet-root.ps1"), args));
    }

    /// <summary>Every path under <paramref name="folder"/> (links not followed) with its inode, mtime, ctime and link target.</summary>
    public static async Task<string[]> SnapshotAsync(string folder)
    {
        var find = await ProcessRunner.RunAsync("find", [folder, "-printf", "%P inode=%i mtime=%T@ ctime=%C@ link=%l\\n"], TimeSpan.FromMinutes(1));
        Assert.True(find.ExitCode == 0, find.All);
        return [.. find.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
    }

    /// <summary>Writes a shell script that the user may run.</summary>
    public static async Task WriteExecutableAsync(string path, string text)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the dotnet root scripts are tested on Linux only");
        }

        await File.WriteAllTextAsync(path, text);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private async Task<ScriptRun> RunScriptAsync(string fileName, IEnumerable<string> args, string? pathPrefix = null)
    {
        // The shim logs its arguments and hands over to the real dotnet, so the scripts still find the
        // installed SDK through 'dotnet --list-sdks'.
        var shimFolder = NewScratchFolder("shim-" + Guid.NewGuid().ToString("N"));
        var log = Path.Combine(shimFolder, "calls.log");
        var shim = Path.Combine(shimFolder, "dotnet");
        await WriteExecutableAsync(shim, $"#!/bin/sh\nprintf '%s\\n' \"$*\" >> '{log}'\nexec '{RealDotnet}' \"$@\"\n");
        await File.WriteAllTextAsync(log, string.Empty);

        var path = shimFolder + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        if (pathPrefix is not null)
        {
            path = pathPrefix + Path.PathSeparator + path;
        }

        var result = await ProcessRunner.RunAsync(fileName, args, ScriptTimeout, environment: new Dictionary<string, string?> { ["PATH"] = path });
        var calls = await File.ReadAllLinesAsync(log);
        return new ScriptRun(result, calls, shim);
    }

    private static Dictionary<string, (string Core, string AspNet)> ReadPins()
    {
        var pins = new Dictionary<string, (string Core, string AspNet)>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(Path.Combine(RepoPaths.Root, "eng", "dotnet-runtimes.txt")))
        {
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0].StartsWith('#'))
            {
                continue;
            }

            pins[fields[0]] = (fields[1], fields[2]);
        }

        return pins;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => FindIn(folder, name))
            .FirstOrDefault(found => found is not null);

    private static string? FindIn(string folder, string name)
    {
        var candidate = Path.Combine(folder, name);
        return File.Exists(candidate) ? candidate : null;
    }
}
