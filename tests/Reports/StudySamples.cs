using BenchmarkDotNet.Running;
using LeakBench.Benchmarks;
using LeakBench.Cases;
using LeakBench.Census;
using LeakBench.Cli;
using LeakBench.Pairing;
using LeakBench.Reports;
using LeakBench.Statistics;

namespace LeakBench.Tests.Reports;

/// <summary>
/// Rows shaped like a full study: every case the study's benchmark classes declare (read through the catalog, as a
/// run reads them, so a new case or class shows up here too), with hand-picked census figures by what the case
/// does, so that the charts and findings are tested at the scale and with the edges of a published run: leaks,
/// closes, reuse, a leak that ended with nothing open, stalls and failures not timed, a pairing without a ratio.
/// </summary>
public static class StudySamples
{
    public static readonly StudyRuntime Net9 = new(".NET 9.0.9", "net9.0");

    /// <summary>The paired ratio every leak of the samples gets: its figures are looked for in the charts.</summary>
    public static readonly RatioInterval LeakRatio = new(2.505, 2.22, 2.83, 40);

    /// <summary>Every case of every study class, on .NET 10.</summary>
    public static IReadOnlyList<StudyRow> FullStudy { get; } = Build(StudyCommand.BenchmarkTypes, [ReportSamples.Net10]);

    /// <summary>The runtime comparison's shape: the dispose × drain class on .NET 8, 9 and 10.</summary>
    public static IReadOnlyList<StudyRow> Runtimes { get; } = Build([typeof(LeakBench.Benchmarks.DisposeDrainBenchmarks)], [ReportSamples.Net8, Net9, ReportSamples.Net10]);

    private static List<StudyRow> Build(IReadOnlyList<Type> types, IReadOnlyList<StudyRuntime> runtimes)
    {
        var rows = new List<StudyRow>();
        foreach (var runtime in runtimes)
        {
            foreach (var benchmarkCase in types.SelectMany(t => BenchmarkConverter.TypeToBenchmarks(t).BenchmarksCases))
            {
                var @case = CaseCatalog.Of(benchmarkCase);
                var isBaseline = benchmarkCase.Descriptor.Baseline;
                var census = CensusOf(@case, isBaseline);
                var row = new StudyRow
                {
                    Benchmark = benchmarkCase.Descriptor.Type.Name,
                    Method = benchmarkCase.Descriptor.WorkloadMethod.Name,
                    Runtime = runtime,
                    Case = @case,
                    IsBaseline = isBaseline,
                    BaselineCase = CaseCatalog.BaselineOf(benchmarkCase),
                    MeanNs = census.LatencyMeanUs * 1000,
                    MedianNs = census.LatencyP50Us * 1000,
                    P95Ns = census.LatencyP95Us * 1000,
                    P99Ns = census.LatencyP99Us * 1000,
                    Census = census,
                    NotTimed = NotTimedOnPurposeException.ReasonFor(@case, census),
                };
                if (row.NotTimed is null)
                {
                    // BenchmarkDotNet's figures: its median of iteration means, its Error, its allocations.
                    row = row with { MeanNs = 90_000, ErrorNs = 1_800, MedianNs = 88_000, AllocatedBytesPerRequest = isBaseline ? 3_000 : 3_000 * census.Latency!.Median?.Ratio ?? 3_000, Gen0Per1k = 1.5, Gen1Per1k = 0, Gen2Per1k = 0 };
                }

                rows.Add(row);
            }
        }

        return rows.Select(r => r with { AllocationRatio = AaCheck.GroupBaseline(r, rows) is { AllocatedBytesPerRequest: > 0 and var b } && r.AllocatedBytesPerRequest is { } a ? a / b : null }).ToList();
    }

    private static CensusResult CensusOf(StudyCase @case, bool isBaseline)
    {
        var streamed = @case.Completion == HttpCompletionOption.ResponseHeadersRead && @case.Framing != Framing.Empty && @case.BodyBytes > 0;
        var census = ReportSamples.Census(opened: 1, peak: 1, leaked: 1, afterGc: 1, timeWait: 0, threads: 14, trajectory: [1, 1, 1, 1, 1]) with
        {
            LatencyMeanUs = 95, LatencyP50Us = 86.5, LatencyP95Us = 140, LatencyP99Us = 300, Callers = @case.Callers, MaxConnections = @case.MaxConnectionsPerServer,
            Latency = Paired(isBaseline ? new RatioInterval(1.0, 0.98, 1.02, 40) : new RatioInterval(1.0, 0.97, 1.03, 40), isBaseline),
        };
        if (@case.LeakHoldsEverySlot)
        {
            return census with { StalledAt = 101, StallMs = 30_000, GcFreesIt = true, Succeeded = 100, OpenStreams = 100, Latency = null };
        }

        if (@case.FdLimit is int fds && !@case.Disposed)
        {
            return census with { FailedAt = fds - 100, Failure = "SocketException: Too many open files", Succeeded = fds - 101, PeakOpen = fds - 101, FdLimit = fds, FdsBefore = 100, Latency = null };
        }

        if (!@case.Disposed && @case.Drain != Drain.Full && streamed)
        {
            // A leak; above 1 MiB one whose GCs during the requests had closed everything by the end of the settle.
            var endsClosed = @case.BodyBytes > 1024 * 1024;
            return census with
            {
                ConnectionsOpened = 1000, PeakOpen = 998, Leaked = endsClosed ? 0 : 998, AfterGc = 0, ServerActive = 0, Trajectory = [200, 400, 598, 798, endsClosed ? 0 : 998],
                Latency = @case.Tls ? Failed("3 block pairs in the 5 s budget; at least 6 are needed for bounds") : Paired(LeakRatio, false),
            };
        }

        if (!@case.Drain.Equals(Drain.Full) && streamed && @case.BodyBytes > 1024 * 1024)
        {
            return census with { ConnectionsOpened = 1000, PeakOpen = 2, Leaked = 0, AfterGc = 0, TimeWait = 1000, Trajectory = [1, 1, 0, 1, 1], Latency = Paired(new RatioInterval(0.40, 0.35, 0.46, 40), false) };
        }

        return census;
    }

    private static PairedLatency Paired(RatioInterval median, bool isAa) => new()
    {
        Median = median,
        P95 = median with { Lower = median.Lower * 0.9, Upper = median.Upper * 1.1 },
        IsAa = isAa,
        Pairs = median.Pairs,
        Seconds = 5,
        SocketBoundGcs = 0,
        // Blocks of 100 a side: large enough for a P95 to carry a verdict (TailRule), so the charts draw the tail too.
        Settings = PairingSettings.Publish with { BlockRequests = 100 },
        CaseBlockMediansUs = [.. Enumerable.Range(0, 8).Select(i => 80.0 * median.Ratio + i)],
    };

    private static PairedLatency Failed(string why) => new() { IsAa = false, Pairs = 3, Seconds = 6, SocketBoundGcs = 0, Failure = why };
}
