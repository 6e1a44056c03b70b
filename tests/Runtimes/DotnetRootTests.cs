using LeakBench.Tests.Support;

namespace LeakBench.Tests.Runtimes;

/// <summary>
/// eng/dotnet-root.sh and eng/dotnet-root.ps1 on scratch folders: the root lists the pinned .NET 8 and 9
/// runtimes beside the installed ones, a second run changes nothing and downloads nothing, and a net8.0
/// app runs on it.
/// </summary>
[Collection(DotnetRootTestGroup.Name)]
[Trait("Category", "Slow")]
public sealed class DotnetRootTests(DotnetRootFixture fixture)
{
    private const string Core = "Microsoft.NETCore.App";
    private const string AspNet = "Microsoft.AspNetCore.App";

    [Fact]
    public void The_pins_cover_exactly_the_8_0_and_9_0_channels_with_versions_of_their_channel()
    {
        Assert.Equal(["8.0", "9.0"], fixture.Pins.Keys.Order(StringComparer.Ordinal));
        foreach (var (channel, (core, aspNet)) in fixture.Pins)
        {
            Assert.StartsWith(channel + ".", core, StringComparison.Ordinal);
            Assert.StartsWith(channel + ".", aspNet, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task First_run_downloads_and_the_root_lists_the_pinned_runtimes_beside_the_installed_ones()
    {
        var run = fixture.FirstRun;
        Assert.True(run.Result.ExitCode == 0, run.ToString());
        Assert.Equal(fixture.RootDotnet, run.LastLine);
        Assert.True(run.Restored, run.ToString());

        var expected = (await ListRuntimesAsync(fixture.RealDotnet)).Select(r => r with { Folder = Path.Combine(fixture.Root, "shared", r.Name) }).ToList();
        Assert.Contains(expected, r => r.Name == Core && r.Version.StartsWith("10.", StringComparison.Ordinal));
        foreach (var (_, (core, aspNet)) in fixture.Pins)
        {
            expected.Add(new Runtime(Core, core, Path.Combine(fixture.Root, "shared", Core)));
            expected.Add(new Runtime(AspNet, aspNet, Path.Combine(fixture.Root, "shared", AspNet)));
        }

        var listed = await ListRuntimesAsync(fixture.RootDotnet);

        Assert.Equal(expected.Order(), listed.Order());
    }

    [Fact]
    public async Task Second_run_reuses_the_root_without_restoring_or_touching_any_file()
    {
        Assert.True(fixture.FirstRun.Result.ExitCode == 0, fixture.FirstRun.ToString());
        var before = await DotnetRootFixture.SnapshotAsync(fixture.Root);

        var run = await fixture.RunBashAsync(["--root", fixture.Root]);

        Assert.True(run.Result.ExitCode == 0, run.ToString());
        Assert.Equal(fixture.RootDotnet, run.LastLine);
        // The shim saw the script's dotnet calls, so "no restore among them" means nothing was downloaded.
        Assert.Contains("--list-sdks", run.DotnetCalls);
        Assert.False(run.Restored, run.ToString());
        Assert.Equal([$"dotnet-root: reused {fixture.Root}: nothing to do", fixture.RootDotnet], run.StdOutLines);
        Assert.Equal(before, await DotnetRootFixture.SnapshotAsync(fixture.Root));
    }

    [Fact]
    public async Task A_net8_console_built_by_the_test_runs_on_the_root_and_reports_runtime_8_0()
    {
        Assert.True(fixture.FirstRun.Result.ExitCode == 0, fixture.FirstRun.ToString());
        var app = fixture.NewScratchFolder("net8-console");
        var output = Path.Combine(app, "out");
        // Empty Directory.Build files stop MSBuild from looking further up, wherever the temp folder is.
        await File.WriteAllTextAsync(Path.Combine(app, "Directory.Build.props"), "<Project />\n");
        await File.WriteAllTextAsync(Path.Combine(app, "Directory.Build.targets"), "<Project />\n");
        await File.WriteAllTextAsync(Path.Combine(app, "Net8Console.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net8.0</TargetFramework>
                <UseAppHost>false</UseAppHost>
              </PropertyGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), """
            System.Console.WriteLine("runtime=" + System.Environment.Version);
            System.Console.WriteLine("corelib=" + typeof(object).Assembly.Location);
            """);

        var build = await ProcessRunner.RunAsync(fixture.RootDotnet, ["build", "-c", "Release", "-o", output], DotnetRootFixture.ScriptTimeout, workingDirectory: app);
        Assert.True(build.ExitCode == 0, build.All);
        var run = await ProcessRunner.RunAsync(fixture.RootDotnet, [Path.Combine(output, "Net8Console.dll")], TimeSpan.FromMinutes(1), workingDirectory: app);

        Assert.True(run.ExitCode == 0, run.All);
        var pinned = fixture.Pins["8.0"].Core;
        Assert.StartsWith("8.0.", pinned, StringComparison.Ordinal);
        Assert.Contains($"runtime={pinned}\n", run.StdOut, StringComparison.Ordinal);
        Assert.Contains($"corelib={Path.Combine(fixture.Root, "shared", Core, pinned, "System.Private.CoreLib.dll")}\n", run.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PowerShell_script_builds_the_same_root_and_reuses_it_on_a_second_run()
    {
        var root = Path.Combine(fixture.NewScratchFolder("pwsh"), "root");
        var dotnet = Path.Combine(root, "dotnet");

        var first = await fixture.RunPowerShellAsync(["-Root", root]);

        Assert.True(first.Result.ExitCode == 0, first.ToString());
        Assert.Equal(dotnet, first.LastLine);
        Assert.True(first.Restored, first.ToString());
        var expected = (await ListRuntimesAsync(fixture.RootDotnet)).Select(r => r with { Folder = Path.Combine(root, "shared", r.Name) });
        Assert.Equal(expected.Order(), (await ListRuntimesAsync(dotnet)).Order());
        // Same files, links and link targets as the bash script's root.
        Assert.Equal(await LayoutAsync(fixture.Root), await LayoutAsync(root));

        var before = await DotnetRootFixture.SnapshotAsync(root);
        var second = await fixture.RunPowerShellAsync(["-Root", root]);

        Assert.True(second.Result.ExitCode == 0, second.ToString());
        Assert.Equal(dotnet, second.LastLine);
        Assert.Contains("--list-sdks", second.DotnetCalls);
        Assert.False(second.Restored, second.ToString());
        Assert.Equal(before, await DotnetRootFixture.SnapshotAsync(root));
    }

    [Theory]
    [InlineData("sh")]
    [InlineData("ps1")]
    public async Task A_link_to_a_runtime_no_longer_installed_is_removed_without_downloading(string script)
    {
        Assert.True(fixture.FirstRun.Result.ExitCode == 0, fixture.FirstRun.ToString());
        // What an update of the installed .NET 10 leaves behind: a link to a version folder that is gone.
        var stale = Path.Combine(fixture.Root, "shared", Core, "10.0.0-gone");
        File.CreateSymbolicLink(stale, Path.Combine(fixture.NewScratchFolder("gone-" + script), "10.0.0-gone"));

        var run = await RunAsync(script, ["--root", fixture.Root]);

        Assert.True(run.Result.ExitCode == 0, run.ToString());
        Assert.Contains($"removed the stale link shared/{Core}/10.0.0-gone", run.Result.StdOut, StringComparison.Ordinal);
        Assert.Null(new FileInfo(stale).LinkTarget);
        Assert.False(run.Restored, run.ToString());
        Assert.Equal(fixture.RootDotnet, run.LastLine);
    }

    [Theory]
    [InlineData("sh")]
    [InlineData("ps1")]
    public async Task A_version_NuGet_does_not_serve_fails_naming_the_package(string script)
    {
        var folder = fixture.NewScratchFolder("unserved-" + script);
        var pins = Path.Combine(folder, "pins.txt");
        await File.WriteAllTextAsync(pins, $"8.0 8.0.9999 {fixture.Pins["8.0"].AspNet}\n");
        var root = Path.Combine(folder, "root");

        var run = await RunAsync(script, ["--root", root, "--runtimes", "8.0", "--versions-file", pins]);

        Assert.True(run.Result.ExitCode != 0, run.ToString());
        Assert.True(run.Restored, run.ToString());
        Assert.Contains("could not download: Microsoft.NETCore.App.Runtime.linux-x64 8.0.9999;", run.Result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("AspNetCore", run.Result.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(root, "shared", Core, "8.0.9999")));
        Assert.False(Directory.Exists(Path.Combine(root, ".download")));
    }

    [Theory]
    [InlineData("sh")]
    [InlineData("ps1")]
    public async Task A_non_empty_folder_the_script_did_not_make_is_refused_and_left_alone(string script)
    {
        var root = fixture.NewScratchFolder("foreign-" + script);
        await File.WriteAllTextAsync(Path.Combine(root, "keep.txt"), "mine\n");

        var run = await RunAsync(script, ["--root", root]);

        Assert.True(run.Result.ExitCode != 0, run.ToString());
        Assert.Contains("not made by this script", run.Result.StdErr, StringComparison.Ordinal);
        Assert.False(run.Restored, run.ToString());
        Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(root).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("sh")]
    [InlineData("ps1")]
    public async Task An_unknown_channel_is_refused_naming_the_pinned_ones(string script)
    {
        var root = Path.Combine(fixture.NewScratchFolder("channel-" + script), "root");

        var run = await RunAsync(script, ["--root", root, "--runtimes", "7.0"]);

        Assert.True(run.Result.ExitCode != 0, run.ToString());
        Assert.Contains("no pinned versions for channel '7.0'", run.Result.StdErr, StringComparison.Ordinal);
        Assert.Contains("8.0 9.0", run.Result.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public async Task Elsewhere_than_linux_x64_the_bash_script_builds_nothing_and_uses_the_installed_runtimes()
    {
        // A stand-in uname makes this machine look like an Apple silicon Mac.
        var fake = fixture.NewScratchFolder("fake-uname");
        var uname = Path.Combine(fake, "uname");
        await DotnetRootFixture.WriteExecutableAsync(uname, "#!/bin/sh\ncase \"$1\" in -m) echo arm64 ;; *) echo Darwin ;; esac\n");
        var root = Path.Combine(fake, "root");

        var lacking = await fixture.RunBashAsync(["--root", root], pathPrefix: fake);

        Assert.True(lacking.Result.ExitCode != 0, lacking.ToString());
        Assert.Contains("on Darwin/arm64 install the official", lacking.Result.StdOut, StringComparison.Ordinal);
        Assert.Contains("lacks: Microsoft.NETCore.App 8.0.x; Microsoft.AspNetCore.App 8.0.x; Microsoft.NETCore.App 9.0.x; Microsoft.AspNetCore.App 9.0.x;", lacking.Result.StdErr, StringComparison.Ordinal);
        Assert.False(lacking.Restored, lacking.ToString());
        Assert.False(Directory.Exists(root));

        // A channel that the dotnet on PATH has (its own .NET 10) is taken as installed.
        var installed = await ListRuntimesAsync(fixture.RealDotnet);
        var core10 = installed.First(r => r.Name == Core && r.Version.StartsWith("10.", StringComparison.Ordinal)).Version;
        var aspNet10 = installed.First(r => r.Name == AspNet && r.Version.StartsWith("10.", StringComparison.Ordinal)).Version;
        var pins = Path.Combine(fake, "pins.txt");
        await File.WriteAllTextAsync(pins, $"10.0 {core10} {aspNet10}\n");

        var present = await fixture.RunBashAsync(["--root", root, "--runtimes", "10.0", "--versions-file", pins], pathPrefix: fake);

        Assert.True(present.Result.ExitCode == 0, present.ToString());
        Assert.Equal(present.DotnetOnPath, present.LastLine);
        Assert.False(Directory.Exists(root));
    }

    private Task<ScriptRun> RunAsync(string script, IEnumerable<string> args) =>
        script == "sh" ? fixture.RunBashAsync(args) : fixture.RunPowerShellAsync(args);

    private sealed record Runtime(string Name, string Version, string Folder) : IComparable<Runtime>
    {
        public int CompareTo(Runtime? other) =>
            string.CompareOrdinal($"{Name} {Version} {Folder}", other is null ? null : $"{other.Name} {other.Version} {other.Folder}");
    }

    /// <summary>Parses <c>dotnet --list-runtimes</c>: "Microsoft.NETCore.App 8.0.34 [/root/shared/Microsoft.NETCore.App]".</summary>
    private static async Task<List<Runtime>> ListRuntimesAsync(string dotnet)
    {
        var result = await ProcessRunner.RunAsync(dotnet, ["--list-runtimes"], TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 0, result.All);
        return [.. result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var parts = line.Split(' ', 3);
            Assert.True(parts.Length == 3 && parts[2].StartsWith('[') && parts[2].EndsWith(']'), line);
            return new Runtime(parts[0], parts[1], parts[2][1..^1]);
        })];
    }

    /// <summary>Relative path, type and link target of everything in a root.</summary>
    private static async Task<string> LayoutAsync(string root)
    {
        var find = await ProcessRunner.RunAsync("find", [root, "-printf", "%P %y %l\\n"], TimeSpan.FromMinutes(1));
        Assert.True(find.ExitCode == 0, find.All);
        return string.Join('\n', find.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }
}
