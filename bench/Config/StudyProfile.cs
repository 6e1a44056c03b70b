using BenchmarkDotNet.Jobs;
using LeakBench.Pairing;
using LeakBench.RuntimePairing;
using Perfolizer.Mathematics.OutlierDetection;

namespace LeakBench.Config;

/// <summary>
/// The study's two settings profiles, Quick (the default) and Publish (<c>--full</c>): the BenchmarkDotNet job, the census
/// sizes and settle, the case pairing's and the runtime pairing's budgets. Chosen once, from the options
/// (<see cref="For"/>), and read by every consumer: nothing else tells quick from published (not the job's id either, so a
/// per-runtime copy of a job, "Quick-net8.0", and BenchmarkDotNet's own <c>--job</c>, which replaces only the profile's job,
/// get the profile the options chose). The values are the published runs' and the quick study's 8-minute budget's: their
/// reasons are on each one.
/// </summary>
public sealed record StudyProfile
{
    /// <summary>
    /// What BenchmarkDotNet's own build of the benchmark project gets: no analyzers. run.sh and dotnet run have already
    /// built the same code with every analyzer on (warnings as errors), and BenchmarkDotNet builds it once more into its
    /// own folder: 29.6 s with analyzers, 18.3 s without (measured on 2 cores, 2026-12-03), every run. Declared first:
    /// the profiles below read it while the type initializes.
    /// </summary>
    public static IReadOnlyList<Argument> BuildArguments { get; } = [new MsBuildArgument("-p:RunAnalyzers=false")];

    /// <summary>The quick study's: minutes for the whole matrix on 2 cores.</summary>
    public static StudyProfile Quick { get; } = new()
    {
        IsPublish = false,
        Job = QuickJob(),
        // A 2 MiB case costs ~2.5 ms a request on 2 cores, and the quick study (111 cases) must stay under 8 minutes; 500
        // still show a leak as 1,000 connections per 1,000.
        CensusRequests = 500,
        // Bodies of 1 MiB or more cost 2–5 ms a request (about 60% of the quick study's time for a third of its cases), and
        // 250 requests still show a leak or a close as 1,000 connections per 1,000 and reuse as 4.
        LargeBodyCensusRequests = 250,
        // A tenth of a second: a leaked connection stays open until a GC whatever the wait, and a closed one has left
        // ESTABLISHED within milliseconds on loopback (the count after the settle also waits until both sources agree).
        // Across the quick study's 117 cases it saves about 100 s of its 8-minute budget.
        Settle = TimeSpan.FromMilliseconds(100),
        Pairing = PairingSettings.Quick,
        RuntimePairing = RuntimePairingSettings.Quick,
    };

    /// <summary>The published runs' (<c>--full</c>).</summary>
    public static StudyProfile Publish { get; } = new()
    {
        IsPublish = true,
        Job = PublishJob(),
        // The study's N.
        CensusRequests = 5_000,
        // 2,000 at 2–5 ms each instead of 5,000 keeps the full study within its 45 minutes; 2,000 still give the rates per
        // 1,000 to one connection in 2,000.
        LargeBodyCensusRequests = 2_000,
        // The full second the Go article waits.
        Settle = TimeSpan.FromSeconds(1),
        Pairing = PairingSettings.Publish,
        RuntimePairing = RuntimePairingSettings.Publish,
    };

    /// <summary>True for the published runs' profile: the pairing's precision targets and A/A cap are the published ones.</summary>
    public required bool IsPublish { get; init; }

    /// <summary>The BenchmarkDotNet job. Its id ("Quick", "Publish") is in every published table: never rename it.</summary>
    public required Job Job { get; init; }

    /// <summary>Census requests per case (the study's N), unless --requests says otherwise.</summary>
    public required int CensusRequests { get; init; }

    /// <summary>Census requests of a case with a body of 1 MiB or more, before its class scales it, unless --requests says otherwise.</summary>
    public required int LargeBodyCensusRequests { get; init; }

    /// <summary>The census's wait after the last request before counting what is left.</summary>
    public required TimeSpan Settle { get; init; }

    /// <summary>The case pairing's budget (the host sets it per case: <see cref="PairingSettings.ForCase"/>).</summary>
    public required PairingSettings Pairing { get; init; }

    /// <summary>The cross-runtime pairing's budget (--runtimes).</summary>
    public required RuntimePairingSettings RuntimePairing { get; init; }

    /// <summary>The profile of a run: <see cref="Publish"/> with --full, else <see cref="Quick"/>.</summary>
    public static StudyProfile For(bool full) => full ? Publish : Quick;

    /// <summary>
    /// For ./run.sh and CI: the whole matrix in minutes on 2 cores. One process per case, no warmup iteration and
    /// one timed iteration of <see cref="Benchmarks.RequestBenchmarks.RequestsPerInvoke"/> requests:
    /// enough to tell a 20 µs request from a 2 ms one, not to publish a 5% difference.
    /// </summary>
    private static Job QuickJob() => Job.Default
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
    private static Job PublishJob() => Job.Default
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
