using System.Text.RegularExpressions;
using System.Net;
using System.Net.Sockets;
using LeakBench.Cli;
using LeakBench.Reports;
using LeakBench.Target;
using LeakBench.Tests.Benchmarks;

namespace LeakBench.Tests.Faults;

/// <summary>
/// The fault catalogue of README's "When things go wrong", provoked as a user would meet each fault, through the
/// built program (Linux: setsid, kill, ulimit, /dev/full). Each checks the exit code, the one-line message, what is
/// kept and that no process of the run is left. These run before BenchmarkDotNet builds anything, so they are quick.
/// </summary>
[Collection(nameof(OneBenchmarkRunAtATime))]
[Trait("Category", "Slow")]
public sealed class FaultTests : IDisposable
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("leakbench-fault-").FullName;

    /// <summary>A small study that reaches its target quickly: 3 cases of the Dry job, 20 census requests each.</summary>
    public static string[] SmallStudy(string folder, int requests = 20) =>
        ["--out", folder, "--filter", "*Framing*Empty*", "--job", "dry", "--requests", requests.ToString(System.Globalization.CultureInfo.InvariantCulture), "--buildTimeout", "900"];

    [Fact]
    public async Task An_output_folder_under_a_file_exits_2_in_one_line_before_the_target_starts()
    {
        var file = Path.Combine(_folder, "a-file");
        await File.WriteAllTextAsync(file, "not a folder");
        using var study = StudyProcess.Start(SmallStudy(Path.Combine(file, "run")));

        Assert.Equal(2, await study.WaitForExitAsync(Quick));
        var message = Assert.Single(study.StdErr);
        Assert.StartsWith($"leakbench: cannot write to the output folder {Path.Combine(file, "run")}: ", message, StringComparison.Ordinal);
        Assert.DoesNotContain(study.StdOut, l => l.Contains("LEAKBENCH_READY", StringComparison.Ordinal));
        Assert.Equal("not a folder", await File.ReadAllTextAsync(file));
        StudyProcess.AssertNothingLeft(await study.LeftBehindAsync(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task An_output_folder_that_cannot_be_written_exits_2_in_one_line()
    {
        using var study = StudyProcess.Start(SmallStudy("/proc/leakbench-fault"));

        Assert.Equal(2, await study.WaitForExitAsync(Quick));
        var message = Assert.Single(study.StdErr);
        Assert.StartsWith("leakbench: cannot write to the output folder /proc/leakbench-fault: ", message, StringComparison.Ordinal);
        Assert.False(Directory.Exists("/proc/leakbench-fault"));
        StudyProcess.AssertNothingLeft(await study.LeftBehindAsync(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task A_hard_fd_limit_below_the_need_exits_2_with_the_figure_and_the_ulimit_to_use()
    {
        var run = Path.Combine(_folder, "run");
        using var study = StudyProcess.Start(SmallStudy(run, requests: 100), fileLimit: 200);

        Assert.Equal(2, await study.WaitForExitAsync(Quick));
        var message = Assert.Single(study.StdErr);
        var needed = Preflight.FilesNeeded(100);
        Assert.StartsWith($"leakbench: the hard open-file limit is 200, and this run needs {needed} ", message, StringComparison.Ordinal);
        Assert.Contains($"ulimit -n {needed}", message, StringComparison.Ordinal);
        Assert.DoesNotContain(study.StdOut, l => l.Contains("LEAKBENCH_READY", StringComparison.Ordinal));
        StudyProcess.AssertNothingLeft(await study.LeftBehindAsync(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task The_study_host_killed_leaves_no_target()
    {
        using var study = StudyProcess.Start(SmallStudy(Path.Combine(_folder, "run")));
        var target = await study.WaitForTargetAsync(Quick);

        study.Signal("KILL");

        Assert.Equal(137, await study.WaitForExitAsync(Quick));
        StudyProcess.AssertNothingLeft(await study.LeftBehindAsync(TimeSpan.FromSeconds(10)));
        Assert.False(File.Exists($"/proc/{target}/status") && !File.ReadAllText($"/proc/{target}/status").Contains("zombie", StringComparison.Ordinal), $"the target {target} is still running");
    }

    [Fact]
    public async Task Ctrl_C_before_the_first_case_exits_130_saying_nothing_was_measured()
    {
        var run = Path.Combine(_folder, "run");
        using var study = StudyProcess.Start(SmallStudy(run));
        await study.WaitForTargetAsync(Quick);

        study.SignalGroup("INT");

        Assert.Equal(130, await study.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains(study.StdErr, l => Regex.IsMatch(l, @"^leakbench: INCOMPLETE: interrupted after 0 of 3 cases; nothing to report"));
        Assert.False(File.Exists(Path.Combine(run, StudyReport.MarkdownFile)));
        Assert.DoesNotContain(study.StdErr.Concat(study.StdOut), l => l.Contains("Unhandled exception", StringComparison.Ordinal));

        // BenchmarkDotNet's build (dotnet restore/build, in the same group) gets the SIGINT too; on a loaded machine it takes a while to go.
        StudyProcess.AssertNothingLeft(await study.LeftBehindAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_held_port_means_no_ready_line_and_a_message_naming_the_log()
    {
        using var held = new TcpListener(IPAddress.Loopback, 0);
        held.Start();
        var port = ((IPEndPoint)held.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var e = await Assert.ThrowsAsync<TargetStartException>(() => TargetServer.StartAsync(new TargetServerOptions { LogDirectory = _folder, Arguments = ["--port", port] }));

        // The target exits by itself ("exited (code 1)"), so it is not left behind; its log says why.
        Assert.StartsWith("the target exited (code 1) before it was ready; its log: ", e.Message, StringComparison.Ordinal);
        var log = e.Message.Split("its log: ")[1].Split(Environment.NewLine)[0];
        Assert.Contains("leakbench-server: cannot listen: Failed to bind to address", await File.ReadAllTextAsync(log), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
