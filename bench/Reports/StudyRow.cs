using LeakBench.Cases;
using LeakBench.Census;

namespace LeakBench.Reports;

/// <summary>
/// One measured case on one runtime: what the code did, BenchmarkDotNet's timing and memory figures,
/// and LeakBench's socket census. Plain data: the report, the CSV and the charts are functions of these.
/// </summary>
public sealed partial record StudyRow
{
    /// <summary>The benchmark class, e.g. "DisposeDrainBenchmarks". Published IDs are never renamed.</summary>
    public required string Benchmark { get; init; }

    /// <summary>The benchmark method, e.g. "Get".</summary>
    public required string Method { get; init; }

    public required StudyRuntime Runtime { get; init; }

    public required StudyCase Case { get; init; }

    /// <summary>The recommended pattern that the other cases of its benchmark are compared with.</summary>
    public bool IsBaseline { get; init; }

    /// <summary>The baseline case of this case's group (same benchmark class and parameters), as the catalog names it; null when unknown. Defines the row's group (<see cref="CaseGroups"/>).</summary>
    public StudyCase? BaselineCase { get; init; }

    /// <summary>Mean latency per request, in nanoseconds.</summary>
    public required double MeanNs { get; init; }

    /// <summary>BenchmarkDotNet's Error of the mean (half its 99.9% confidence interval), in nanoseconds; null when not measured.</summary>
    public double? ErrorNs { get; init; }

    /// <summary>Error over mean: above <see cref="NoisyErrorOverMean"/> BenchmarkDotNet's mean is too loose to carry a latency claim; null without both.</summary>
    public double? ErrorOverMean => ErrorNs is { } error && MeanNs > 0 ? error / MeanNs : null;

    /// <summary>The Error/Mean above which a case is marked in the report (10%).</summary>
    public const double NoisyErrorOverMean = 0.10;

    /// <summary>Median (P50) latency per request, in nanoseconds.</summary>
    public required double MedianNs { get; init; }

    /// <summary>95th percentile latency per request, in nanoseconds.</summary>
    public required double P95Ns { get; init; }

    /// <summary>99th percentile latency per request, in nanoseconds.</summary>
    public required double P99Ns { get; init; }

    /// <summary>Bytes allocated per request (process-wide, as BenchmarkDotNet measures it); null when not measured.</summary>
    public double? AllocatedBytesPerRequest { get; init; }

    /// <summary>Gen0 collections per 1,000 requests; null when not measured.</summary>
    public double? Gen0Per1k { get; init; }

    public double? Gen1Per1k { get; init; }

    public double? Gen2Per1k { get; init; }

    /// <summary>Allocated bytes per request over the baseline's (same benchmark, parameters and runtime): exact, no bounds needed; null without both figures.</summary>
    public double? AllocationRatio { get; init; }

    public required CensusResult Census { get; init; }

    /// <summary>
    /// Set when the case was not timed, on purpose, with the reason: its census stalled or failed, so timing it
    /// would hang or measure timeouts. Its latency figures are then the census's own per-request figures over the
    /// requests that succeeded (the stalled or failed request excluded), not BenchmarkDotNet's.
    /// </summary>
    public string? NotTimed { get; init; }

    /// <summary>What the connections did, derived from the census (see <see cref="VerdictRules"/>).</summary>
    public Verdict Verdict => VerdictRules.Of(Census);

    /// <summary>The verdict with its numbers: "stalls at request 101 until the timeout; a GC frees it".</summary>
    public string VerdictText => VerdictRules.Describe(Census);

    /// <summary>Identifies the case across runtimes: benchmark, method and dimensions.</summary>
    public (string Benchmark, string Method, StudyCase Case) CaseKey => (Benchmark, Method, Case);
}
