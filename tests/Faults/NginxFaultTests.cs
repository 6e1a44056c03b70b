using LeakBench.Tests.Benchmarks;
using LeakBench.Tests.Target;

namespace LeakBench.Tests.Faults;

/// <summary>
/// The study's nginx (<c>--server nginx</c>) never outlives the study: not after a kill -9 of the host (the parent-death
/// signal), not after Ctrl+C. nginx runs in a session of its own, so the process-group checks of <see cref="StudyProcess"/>
/// cannot see it: these look for an nginx whose prefix is the run's folder.
/// </summary>
[Collection(nameof(OneBenchmarkRunAtATime))]
[Trait("Category", "Slow")]
public sealed class NginxFaultTests : IDisposable
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("leakbench-nginx-fault-").FullName;

    [Fact]
    public async Task The_study_host_killed_leaves_no_nginx()
    {
        using var study = StudyProcess.Start([.. FaultTests.SmallStudy(Path.Combine(_folder, "run")), "--server", "nginx"]);
        var nginx = await study.WaitForTargetAsync(Quick);
        Assert.NotEmpty(NginxServerTests.NginxProcessesOf(_folder));

        study.Signal("KILL");

        Assert.Equal(137, await study.WaitForExitAsync(Quick));
        StudyProcess.AssertNothingLeft(await study.LeftBehindAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(NginxServerTests.NginxProcessesOf(_folder));
        Assert.False(Running(nginx), $"nginx {nginx} is still running");
    }

    [Fact]
    public async Task Ctrl_C_before_the_first_case_exits_130_and_leaves_no_nginx()
    {
        using var study = StudyProcess.Start([.. FaultTests.SmallStudy(Path.Combine(_folder, "run")), "--server", "nginx"]);
        var nginx = await study.WaitForTargetAsync(Quick);

        study.SignalGroup("INT");

        Assert.Equal(130, await study.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        StudyProcess.AssertNothingLeft(await study.LeftBehindAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(NginxServerTests.NginxProcessesOf(_folder));
        Assert.False(Running(nginx), $"nginx {nginx} is still running");
    }

    // Killed but not yet reaped (a container's init may be slow to) is gone for this purpose.
    private static bool Running(int pid) =>
        File.Exists($"/proc/{pid}/status") && !File.ReadAllText($"/proc/{pid}/status").Contains("zombie", StringComparison.Ordinal);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
