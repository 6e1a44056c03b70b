using System.Globalization;
using LeakBench.Processes;

namespace LeakBench.Tests.Processes;

/// <summary>
/// The one process layer: every child of the study's own is started by <see cref="OwnChildren"/> and killed by it,
/// the whole tree, with nothing left stopped. Small shell children (milliseconds), so these run in the fast tier.
/// </summary>
public sealed class OwnChildrenTests
{
    [SkippableFact]
    public async Task Kill_ends_the_child_and_the_processes_it_started_and_stops_none_of_them()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "reads process states from /proc");
        // The shell starts a sleep of its own and prints its pid: a grandchild of this process.
        using var process = OwnChildren.Start("/bin/sh", ["-c", "sleep 300 & echo $!; wait"]);
        var grandchild = int.Parse((await process.StandardOutput.ReadLineAsync())!, CultureInfo.InvariantCulture);
        Assert.NotNull(StateOf(grandchild));

        OwnChildren.Kill(process);

        Assert.True(process.HasExited);
        // Gone, or dead and waiting for init to reap it: never running, and never stopped (state T).
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (StateOf(grandchild) is { } state && state != 'Z' && DateTime.UtcNow < deadline)
        {
            Assert.NotEqual('T', state);
            await Task.Delay(50);
        }

        Assert.Contains(StateOf(grandchild), new char?[] { null, 'Z' });
    }

    [Fact]
    public void Killing_a_child_that_has_exited_is_nothing()
    {
        using var process = OwnChildren.Start("/bin/sh", ["-c", "exit 3"]);
        process.WaitForExit();

        OwnChildren.Kill(process);

        Assert.Equal(3, process.ExitCode);
    }

    [Fact]
    public async Task A_conversation_with_no_overall_deadline_times_each_answer_and_keeps_what_went_to_stderr()
    {
        using var child = ChildProcess.Start("/bin/sh", ["-c", "echo ready; echo warming >&2; sleep 300"], Timeout.InfiniteTimeSpan);

        Assert.Equal("ready", await child.ReadLineAsync(TimeSpan.FromSeconds(30)));
        var e = await Assert.ThrowsAsync<TimeoutException>(() => child.ReadLineAsync(TimeSpan.FromMilliseconds(300)));

        Assert.Contains("did not answer within 0.3 s; it was killed", e.Message, StringComparison.Ordinal);
        Assert.True(await child.ExitedWithinAsync(TimeSpan.FromSeconds(10)));
        // stderr is read on its own: what the child wrote before it was killed arrives by the end of the pipe.
        for (var waited = 0; child.ErrorOutput.Length == 0 && waited < 100; waited++)
        {
            await Task.Delay(50);
        }

        Assert.Equal("warming\n", child.ErrorOutput);
    }

    private static char? StateOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
