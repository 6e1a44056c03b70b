using System.Net;
using System.Net.Sockets;
using LeakBench.Tests.Benchmarks;

namespace LeakBench.Tests.Faults;

/// <summary>README's "When things go wrong": a --target that does not answer stops the run in one line, before any build.</summary>
[Collection(nameof(OneBenchmarkRunAtATime))]
[Trait("Category", "Slow")]
public sealed class RemoteTargetFaultTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("leakbench-fault-").FullName;

    [Fact]
    public async Task A_target_that_does_not_answer_exits_2_in_one_line_before_any_build()
    {
        // A loopback port nobody listens on: taken, then freed, so the connection is refused.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var run = Path.Combine(_folder, "run");

        using var study = StudyProcess.Start(["--target", $"http://127.0.0.1:{port}", .. FaultTests.SmallStudy(run)]);

        Assert.Equal(2, await study.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var message = Assert.Single(study.StdErr);
        Assert.StartsWith($"leakbench: the target http://127.0.0.1:{port}/ does not answer: ", message, StringComparison.Ordinal);
        Assert.DoesNotContain(study.StdOut, l => l.Contains("LEAKBENCH_READY", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(run, "bdn")), "BenchmarkDotNet started");
        StudyProcess.AssertNothingLeft(await study.LeftBehindAsync(TimeSpan.FromSeconds(3)));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
