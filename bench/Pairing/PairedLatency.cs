using LeakBench.Statistics;

namespace LeakBench.Pairing;

/// <summary>
/// A case's latency against its group's baseline, as it travels to the host with the census:
/// the ratios with bounds, or the reason there are none. For the baseline itself this is the A/A
/// check (<see cref="IsAa"/>): the baseline against itself on two identical handlers.
/// </summary>
public sealed record PairedLatency
{
    /// <summary>Ratio of block medians, case over baseline; null when <see cref="Failure"/> says why not.</summary>
    public RatioInterval? Median { get; init; }

    /// <summary>Ratio of block P95s; null when <see cref="Failure"/> says why not.</summary>
    public RatioInterval? P95 { get; init; }

    /// <summary>True when the case is its group's baseline, so both sides ran the same code.</summary>
    public required bool IsAa { get; init; }

    /// <summary>Block pairs measured.</summary>
    public required int Pairs { get; init; }

    /// <summary>Wall time the pairing phase added to this case, warm-up and bound GCs included.</summary>
    public required double Seconds { get; init; }

    /// <summary>Full GCs forced between blocks by the open-socket bound.</summary>
    public required int SocketBoundGcs { get; init; }

    /// <summary>The budget it ran under (the job decides it); null in files written before it was recorded.</summary>
    public PairingSettings? Settings { get; init; }

    /// <summary>Each case block's median latency in microseconds, in run order: the block-level sample the runtime comparison uses.</summary>
    public IReadOnlyList<double> CaseBlockMediansUs { get; init; } = [];

    /// <summary>Each case block's P95 latency in microseconds, in run order.</summary>
    public IReadOnlyList<double> CaseBlockP95sUs { get; init; } = [];

    /// <summary>Each baseline block's median latency in microseconds, in run order.</summary>
    public IReadOnlyList<double> BaselineBlockMediansUs { get; init; } = [];

    /// <summary>Each baseline block's P95 latency in microseconds, in run order.</summary>
    public IReadOnlyList<double> BaselineBlockP95sUs { get; init; } = [];

    /// <summary>
    /// The run's practical margin (a fraction), the same for every case of the run: the host decides it (<c>--margin</c>) and
    /// the benchmark process records it here, so that the census file says what its verdict was judged against. Files
    /// written before it was recorded load with the default 5%.
    /// </summary>
    public double Margin { get; init; } = PracticalMargin.Default;

    /// <summary>What ended the pairing: "precision" (the bounds reached <see cref="PrecisionTarget"/>), "time cap" or "pair ceiling"; null in files written before it was recorded.</summary>
    public string? StoppedBy { get; init; }

    /// <summary>The half-width the pairing was asked to reach, a fraction (0.025 is ±2.5%); null when none was asked.</summary>
    public double? PrecisionTarget { get; init; }

    /// <summary>The half-width the median ratio reached, exp(½·ln(hi/lo)) − 1; null without a ratio.</summary>
    public double? HalfWidth => Median is { } m ? Math.Exp(m.LogHalfWidth) - 1 : null;

    /// <summary>Per pair, in run order: true when the case's side went first (for the raw pairs file); empty in files written before it was recorded.</summary>
    public IReadOnlyList<bool> CaseFirst { get; init; } = [];

    /// <summary>Concurrent callers per side during the pairing (the case's own); 1 in files written before it was recorded.</summary>
    public int Callers { get; init; } = 1;

    /// <summary>The most timed requests in flight at once on the client during the pairing (one side at a time): shows the callers really ran together.</summary>
    public int? PeakInFlight { get; init; }

    /// <summary>The most requests the target had in flight at once on the case's port during the pairing (its own count, both sides together); null when not read.</summary>
    public long? TargetPeakInFlight { get; init; }

    /// <summary>True when the P95 ratio may carry a verdict: its blocks (requests a side per pair, all callers) are large enough (<see cref="TailRule"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool P95HasVerdict => Settings is { } s && TailRule.HasVerdict(s.BlockRequests * Math.Max(1, Callers), 0.95);

    /// <summary>Why there is no ratio: the case failed or stalled, or too few pairs fit the time budget.</summary>
    public string? Failure { get; init; }

    /// <summary>Runs the pairing of <paramref name="case"/> against <paramref name="baseline"/> (the A/A check when they are equal) and estimates the ratios; a failure becomes <see cref="Failure"/>, never an exception.</summary>
    public static async Task<PairedLatency> MeasureAsync(Uri target, Cases.StudyCase @case, Cases.StudyCase baseline, PairingSettings settings, Cases.CertificatePin? pin = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var isAa = @case == baseline;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        PairingRun run;
        try
        {
            run = await PairedLatencyRunner.RunAsync(target, @case, baseline, settings, pin, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return new PairedLatency
            {
                IsAa = isAa, Pairs = 0, SocketBoundGcs = 0, Settings = settings,
                Seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds,
                Failure = $"the pairing failed: {e.GetType().Name}: {e.Message}",
            };
        }

        var measured = new PairedLatency
        {
            IsAa = isAa, Pairs = run.Pairs.Count, Seconds = run.Elapsed.TotalSeconds, SocketBoundGcs = run.SocketBoundGcs, Settings = settings,
            StoppedBy = StopWords(run.StoppedBy), PrecisionTarget = settings.PrecisionTarget, CaseFirst = run.CaseFirst,
            Callers = settings.Callers, PeakInFlight = run.PeakInFlight,
            CaseBlockMediansUs = run.Pairs.Select(p => PairedRatioEstimator.BlockQuantile(p.Case, 0.5)).ToList(),
            CaseBlockP95sUs = run.Pairs.Select(p => PairedRatioEstimator.BlockQuantile(p.Case, 0.95)).ToList(),
            BaselineBlockMediansUs = run.Pairs.Select(p => PairedRatioEstimator.BlockQuantile(p.Baseline, 0.5)).ToList(),
            BaselineBlockP95sUs = run.Pairs.Select(p => PairedRatioEstimator.BlockQuantile(p.Baseline, 0.95)).ToList(),
        };
        if (run.Pairs.Count < PairedRatioEstimator.MinimumPairs)
        {
            return measured with { Failure = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{run.Pairs.Count} block pairs in the {settings.TimeBudget.TotalSeconds:0.##} s time cap; at least {PairedRatioEstimator.MinimumPairs} are needed for bounds") };
        }

        var ratios = PairedRatioEstimator.Estimate(run.Pairs);
        return measured with { Median = ratios.Median, P95 = ratios.P95 };
    }

    /// <summary>The stop as the census file and report.csv spell it.</summary>
    public static string StopWords(PairingStop stop) => stop switch
    {
        PairingStop.Precision => "precision",
        PairingStop.TimeCap => "time cap",
        PairingStop.PairCeiling => "pair ceiling",
        _ => throw new ArgumentOutOfRangeException(nameof(stop), stop, null),
    };
}
