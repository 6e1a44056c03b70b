using LeakBench.Cases;
using LeakBench.Census;
using LeakBench.Tests.Support;

namespace LeakBench.Tests.Census;

/// <summary>
/// One census with each OS socket source against the real target must give the same figures. On Linux the
/// portable source (<c>GetActiveTcpConnections</c>) parses the same /proc files as the proc source, so this
/// proves the portable code path's counting (by port, no owner), not what Windows or macOS report.
/// Runs alone, like <see cref="CensusKnownAnswerTests"/>: a GC forced beside it would close its leaks early.
/// </summary>
[Collection(nameof(CensusRunsAlone))]
public sealed class SocketSourceKnownAnswerTests(TargetFixture target) : IClassFixture<TargetFixture>
{
    private const int N = 100;

    private static readonly CensusSettings Settings = new() { Requests = N, TrajectoryStep = 10 };

    /// <param name="opened">The known number of connections the N requests open.</param>
    [SkippableTheory]
    [InlineData(1024L, HttpCompletionOption.ResponseHeadersRead, false, Drain.None, N)] // leaks one connection per request
    [InlineData(1024L, HttpCompletionOption.ResponseHeadersRead, false, Drain.Full, 1)] // read to the end: one reused connection
    [InlineData(2L * 1024 * 1024, HttpCompletionOption.ResponseHeadersRead, true, Drain.None, N)] // above the drain limit: closed every time
    public async Task Proc_and_portable_sources_give_the_same_conn_per_1k_peak_and_leaked(long bytes, HttpCompletionOption completion, bool dispose, Drain drain, int opened)
    {
        Skip.IfNot(SocketTable.IsAvailable, "the proc source needs /proc/net/tcp (Linux); the portable one runs in every other census here");
        var pattern = RequestPattern.For(target.Urls.Http1, Framing.ContentLength, bytes, completion, dispose, drain);

        var proc = await SocketCensus.RunAsync(target.Urls, pattern, Settings with { SocketTable = SocketTableSource.Proc });
        var portable = await SocketCensus.RunAsync(target.Urls, pattern, Settings with { SocketTable = SocketTableSource.Portable });

        Assert.Empty(proc.Disagreements);
        Assert.Empty(portable.Disagreements);
        Assert.Equal(opened, proc.ConnectionsOpened);
        Assert.Equal(
            (proc.ConnectionsPer1k, proc.PeakOpen, proc.Leaked, proc.AfterGc, proc.TimeWait, proc.CloseWait),
            (portable.ConnectionsPer1k, portable.PeakOpen, portable.Leaked, portable.AfterGc, portable.TimeWait, portable.CloseWait));
        Assert.Equal(proc.Trajectory, portable.Trajectory);
    }

    [Fact]
    public void The_benchmark_process_reads_the_source_from_its_environment()
    {
        var path = Path.Combine(Path.GetTempPath(), $"leakbench-census-{Guid.NewGuid():N}.json");
        try
        {
            Environment.SetEnvironmentVariable(CensusFile.PathVariable, path);
            Environment.SetEnvironmentVariable(CensusFile.SocketTableVariable, "portable");
            Assert.Equal(SocketTableSource.Portable, CensusFile.FromEnvironment()!.Value.Settings.SocketTable);
            Environment.SetEnvironmentVariable(CensusFile.SocketTableVariable, null);
            Assert.Equal(SocketTableSources.Default, CensusFile.FromEnvironment()!.Value.Settings.SocketTable);
        }
        finally
        {
            Environment.SetEnvironmentVariable(CensusFile.PathVariable, null);
            Environment.SetEnvironmentVariable(CensusFile.SocketTableVariable, null);
        }
    }
}
