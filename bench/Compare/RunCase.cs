using LeakBench.Statistics;

namespace LeakBench.Compare;

/// <summary>One case of a run as its folder keeps it: report.csv's figures and, when the raw files have them, its block pairs.</summary>
public sealed record RunCase
{
    public required CaseKey Key { get; init; }

    /// <summary>The runtime as report.csv names it, e.g. ".NET 10.0.12" (the key holds only its moniker).</summary>
    public required string RuntimeName { get; init; }

    /// <summary>The group's baseline: its paired ratio is the A/A check (itself against itself), not a case effect.</summary>
    public required bool IsBaseline { get; init; }

    /// <summary>report.csv's socket verdict, with its numbers: "stalls at request 101 until the timeout; a GC frees it".</summary>
    public required string VerdictText { get; init; }

    /// <summary>Connections opened per 1,000 requests.</summary>
    public double? ConnectionsPer1k { get; init; }

    /// <summary>Most sockets open at once during the census.</summary>
    public long? PeakOpenSockets { get; init; }

    /// <summary>Bytes allocated per request (BenchmarkDotNet's figure); null when not measured.</summary>
    public double? AllocatedBytesPerRequest { get; init; }

    /// <summary>The run's own paired ratio (case over baseline) with its bounds, from report.csv; null in runs without pairing.</summary>
    public RatioInterval? LatencyRatio { get; init; }

    /// <summary>
    /// Each block pair's log ratio, ln(case block median / baseline block median), in run order; empty when the
    /// folder keeps no block medians for this case (a run before pairing, or a census file that is missing).
    /// </summary>
    public IReadOnlyList<double> PairLogRatios { get; init; } = [];

    /// <summary>Where <see cref="PairLogRatios"/> came from ("census/census-004-….json"); null when they are empty.</summary>
    public string? PairsSource { get; init; }
}
