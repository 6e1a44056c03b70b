using LeakBench.Cli;
using LeakBench.Target;
using LeakBench.Tests.Support;

namespace LeakBench.Tests.Scripts;

/// <summary>
/// The scripts build bench/ and server/ before they run; two builds of the same projects at once
/// would trip over each other, and so would a build under a test that is launching the target.
/// This collection therefore runs alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScriptBuildGroup
{
    public const string Name = "Scripts";
}

/// <summary>run.sh and run.ps1 as a user runs them: they build, forward every argument and leave no target behind.</summary>
[Collection(ScriptBuildGroup.Name)]
[Trait("Category", "Slow")]
public sealed class ScriptTests
{
    // A cold build on a busy 2-core machine takes minutes, not seconds.
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    public static TheoryData<string> Scripts => ["run.sh", "run.ps1"];

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Help_builds_and_prints_the_programs_usage_and_the_no_build_flag(string script)
    {
        var result = await RunAsync(script, "--help");

        Assert.True(result.ExitCode == 0, Describe(result));
        var stdout = Lf(result.StdOut);
        Assert.Contains(Lf(StudyOptions.Usage), stdout, StringComparison.Ordinal);
        Assert.Contains("--no-build", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task No_build_is_the_scripts_own_flag_and_is_not_passed_on(string script)
    {
        // The program would answer 'unknown option' if the flag reached it.
        var result = await RunAsync(script, "--no-build", "--help");

        Assert.True(result.ExitCode == 0, Describe(result));
        Assert.Contains(Lf(StudyOptions.Usage), Lf(result.StdOut), StringComparison.Ordinal);
        Assert.DoesNotContain("building", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task An_unknown_option_exits_2_with_the_programs_message(string script)
    {
        var result = await RunAsync(script, "--definitely-not-an-option");

        Assert.True(result.ExitCode == 2, Describe(result));
        Assert.Contains("unknown option '--definitely-not-an-option'", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Serve_for_one_second_announces_the_target_and_leaves_no_server_running(string script)
    {
        var result = await RunAsync(script, "serve", "--seconds", "1");

        var urls = Lf(result.StdOut).Split('\n').Select(TargetUrls.TryParseReadyLine).FirstOrDefault(u => u is not null);
        Assert.True(urls is not null, $"no {TargetUrls.ReadyPrefix.Trim()} line. {Describe(result)}");
        // Checked before the exit code so that a failed run never leaves its server behind.
        AssertNotRunning(urls.Pid);
        Assert.True(result.ExitCode == 0, Describe(result));
        Assert.True(urls.Http1.IsLoopback && urls.H2c.IsLoopback && urls.Control.IsLoopback, urls.ToReadyLine());
        Assert.Contains("leakbench: target stopped", result.StdOut, StringComparison.Ordinal);
    }

    private static Task<ProcessRunner.Result> RunAsync(string script, params string[] args)
    {
        var path = Path.Combine(RepoPaths.Root, script);
        return script.EndsWith(".ps1", StringComparison.Ordinal)
            ? ProcessRunner.RunAsync(PowerShellTool.FileName, PowerShellTool.RunFile(path, args), Deadline, PowerShellTool.WorkingDirectory)
            : ProcessRunner.RunAsync(path, args, Deadline);
    }

    private static void AssertNotRunning(int pid)
    {
        if (!IsRunningServer(pid))
        {
            return;
        }

        using (var leftover = System.Diagnostics.Process.GetProcessById(pid))
        {
            leftover.Kill(entireProcessTree: true);
        }

        Assert.Fail($"LeakBench.Server pid {pid} was still running after the script exited (the test killed it)");
    }

    // /proc/PID/cmdline is gone once the process is reaped and empty while it is a zombie.
    private static bool IsRunningServer(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Contains("LeakBench.Server", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string Lf(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string Describe(ProcessRunner.Result r) => $"exit code {r.ExitCode}\n--- stdout:\n{r.StdOut}\n--- stderr:\n{r.StdErr}";
}
