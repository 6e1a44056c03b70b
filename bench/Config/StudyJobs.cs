using BenchmarkDotNet.Jobs;
using Perfolizer.Mathematics.OutlierDetection;

namespace LeakBench.Config;

/// <summary>The two jobs of the study. Their ids appear in every published table: never rename them.</summary>
public static class StudyJobs
{
    /// <summary>
    /// What BenchmarkDotNet's own build of the benchmark project gets: no analyzers. run.sh and dotnet run have already
    /// built the same code with every analyzer on (warnings as errors), and BenchmarkDotNet builds it once more into its
    /// own folder: 29.6 s with analyzers, 18.3 s without (measured on 2 cores, 2026-12-03), every run. Declared first:
    /// the jobs below read it while the type initializes.
    /// </summary>
    public static IReadOnlyList<Argument> BuildArguments { get; } = [new MsBuildArgument("-p:RunAnalyzers=false")];

    /// <summary>
    /// For ./run.sh and CI: the whole matrix in minutes on 2 cores. One process per case, no warmup iteration and
    /// one timed iteration of <see cref="Benchmarks.RequestBenchmarks.RequestsPerInvoke"/> requests:
    /// enough to tell a 20 µs request from a 2 ms one, not to publish a 5% difference.
    /// </summary>
    public static Job Quick { get; } = Job.Default
        .WithId("Quick")
        .WithLaunchCount(1)
        // Monitoring: no jitting invocation before the timed ones (with the default strategy it sends 200 more requests,
        // 25% of a case's BenchmarkDotNet time, 2 s and more for a 2 MiB TLS case); the census and the pairing have already
        // JIT-compiled the request in this process, as the next line says.
        .WithStrategy(BenchmarkDotNet.Engines.RunStrategy.Monitoring)
        // No warmup iteration: the census and the paired timing have already sent hundreds of requests of the same
        // pattern in this process (JIT, pools and connections are warm), and the quick study (111 cases) must stay
        // under 8 minutes on 2 cores (measured: 8 min 17 s with one warmup iteration).
        .WithWarmupCount(0)
        // One timed iteration of 200 requests: BenchmarkDotNet's quick figures are descriptive (the verdicts come from the
        // census and the pairing). Its iterations were the largest share of a quick case: traced on 2026-12-03 over the
        // dispose x drain and TLS classes, 92 s of 248 s against 57 s for the censuses and 54 s for the pairing, up to
        // 9.6 s for a 2 MiB TLS case with two; the second one's time went to the A/As of the costly groups.
        .WithIterationCount(1)
        // No overhead stages: an empty invocation costs ~2 ns against requests of 100 µs and more, and with
        // [IterationCleanup] each of its ~27 one-invocation iterations paid a forced GC (measured: 1.1 s of a case's 3.5 s).
        .WithEvaluateOverhead(false)
        // Network latency has tails that are the story, not noise.
        .WithOutlierMode(OutlierMode.DontRemove)
        .WithArguments(BuildArguments);

    /// <summary>
    /// For published tables: 1 warmup and 6 timed iterations per case, keeping every outlier. Its figures are
    /// BenchmarkDotNet's own view, descriptive: the latency verdicts rest on the paired ratios and the allocations on the
    /// census, so its time went to the A/A calibration instead (see <see cref="Pairing.PairingSettings.PublishAaCapFactor"/>).
    /// </summary>
    public static Job Publish { get; } = Job.Default
        .WithId("Publish")
        .WithOutlierMode(OutlierMode.DontRemove)
        // As in Quick: no jitting invocation (the census and the pairing compiled the request in this process); it was
        // one of 13 iterations of 200 requests a case.
        .WithStrategy(BenchmarkDotNet.Engines.RunStrategy.Monitoring)
        // As in Quick: the overhead of an empty invocation (~2 ns) is below 0.01% of the cheapest request, and its
        // stages cost about a second per case.
        .WithEvaluateOverhead(false)
        // Fixed counts: network tails keep the error above BenchmarkDotNet's 2% target, so its default accuracy ran
        // every case to the iteration ceiling (about 75 minutes for the study on 2 cores, measured). 1 + 6 iterations
        // instead of 2 + 10 (and the jitting one): BenchmarkDotNet's share of the published study was about 800 s of
        // its 41 min 55 s (run of 2026-12-03, -3), and about half of it now pays for the A/As of the 2 MiB and HTTP/2
        // groups that stopped at their cap short of the published precision.
        .WithWarmupCount(1)
        .WithIterationCount(6)
        .WithArguments(BuildArguments);

}
