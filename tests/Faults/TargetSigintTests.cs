using System.Diagnostics;
using System.Globalization;
using LeakBench.Target;

namespace LeakBench.Tests.Faults;

/// <summary>
/// Ctrl+C reaches the whole process group, the target included. A target with a parent ignores SIGINT (the
/// parent decides what Ctrl+C means and then stops it), and still stops on SIGTERM.
/// </summary>
[Trait("Category", "Slow")]
public sealed class TargetSigintTests
{
    [Fact]
    public async Task A_target_with_a_parent_ignores_SIGINT_and_still_answers()
    {
        using var server = await TargetServer.StartAsync();
        using var target = Process.GetProcessById(server.ProcessId);

        Kill("-INT", server.ProcessId);
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.False(target.HasExited, "the target stopped on SIGINT");
        Assert.Equal(server.ProcessId, (await server.ReadStatsAsync()).Pid);
    }

    [Fact]
    public async Task A_target_with_a_parent_stops_on_SIGTERM()
    {
        using var server = await TargetServer.StartAsync();
        using var target = Process.GetProcessById(server.ProcessId);

        Kill("-TERM", server.ProcessId);

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await target.WaitForExitAsync(deadline.Token);
        Assert.True(target.HasExited);
    }

    private static void Kill(string signal, int pid)
    {
        using var kill = Process.Start("kill", [signal, pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
