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
[Trait("Category", "Slow")]
public sealed class SocketSourceKnownAnswerTests(TargetFixture target) : IClassFixture<TargetFixture>
{
    private const int N = 50;

    /// <param name="opened">The known number of connections the N requests open.</param>
    [SkippableTheory]
    [InlineData(1024L, HttpCompletionOption.ResponseHeadersRead, false, Drain.None, N)] // leaks one connection per request
    [InlineData(1024L, HttpCompletionOption.ResponseHeadersRead, false, Drain.Full, 1)] // read to the end: one reused connection
    [InlineData(2L * 1024 * 1024, HttpCompletionOption.ResponseHeadersRead, true, Drain.None, N)] // above the drain limit: closed every time
    public async Task Proc_and_portable_sources_give_the_same_conn_per_1k_peak_and_leaked(long bytes, HttpCompletionOption completion, bool dispose, Drain drain, int opened)
    {
        Skip.IfNot(SocketTable.IsAvailable, "the proc source needs /proc/net/tcp (Linux); the portable one runs in every other census here");
        var @case = new StudyCase { Disposed = dispose, Drain = drain, Completion = completion, BodyBytes = bytes };

        // Each census in a child with a large gen0 budget: a GC during the requests would close leaks before they are
        // counted, and the two censuses could then differ by GC timing alone.
        var proc = await CensusChild.RunAsync(target.Urls, @case, N, GcConfig.LargeGen0, socketTable: SocketTableSource.Proc);
        var portable = await CensusChild.RunAsync(target.Urls, @case, N, GcConfig.LargeGen0, socketTable: SocketTableSource.Portable);

        var both = $"proc: {Describe(proc)}\nportable: {Describe(portable)}";
        Assert.True(proc.Disagreements.Count == 0 && portable.Disagreements.Count == 0, both);
        Assert.True(opened == proc.ConnectionsOpened, both);
        Assert.True(Figures(proc) == Figures(portable), both);
        Assert.True(proc.Trajectory.SequenceEqual(portable.Trajectory), both);
    }

    /// <summary>What the report shows of a census's sockets: conn/1k, peak, leaked after the settle, left after a full GC.</summary>
    private static (double ConnPer1k, int Peak, int Leaked, int AfterGc) Figures(CensusResult r) => (r.ConnectionsPer1k, r.PeakOpen, r.Leaked, r.AfterGc);

    private static string Describe(CensusResult r) =>
        $"opened {r.ConnectionsOpened}, peak {r.PeakOpen}, leaked {r.Leaked}, after GC {r.AfterGc}, TIME_WAIT {r.TimeWait}, GCs {r.Gen0}/{r.Gen1}/{r.Gen2}, " +
        $"trajectory {string.Join(',', r.Trajectory)}, disagreements: {string.Join("; ", r.Disagreements)}";

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
