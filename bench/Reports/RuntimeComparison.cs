using LeakBench.Statistics;

namespace LeakBench.Reports;

/// <summary>
/// Each case on each runtime against the same case on a baseline runtime: the latency ratio with its bounds and
/// three-way verdict, the exact ratio of allocation, and findings built from them. Cases are matched by
/// <see cref="StudyRow.CaseKey"/>. The latency ratio is the cross-runtime pairing's where the run has one (one source
/// for the table, the chart and report.csv's runtime_* columns); only a run without it (an older run folder, or a
/// baseline runtime other than the pairing's reference) falls back to the two runs' block medians
/// (<see cref="BlockSampleRatio"/>), whose bounds cannot carry a drift of the machine between the two processes.
/// </summary>
public sealed class RuntimeComparison
{
    private RuntimeComparison(StudyRuntime baseline, IReadOnlyList<StudyRuntime> runtimes, IReadOnlyList<RuntimeComparisonRow> rows)
    {
        Baseline = baseline;
        Runtimes = runtimes;
        Rows = rows;
    }

    /// <summary>The runtime every ratio is taken against.</summary>
    public StudyRuntime Baseline { get; }

    /// <summary>The runtimes in version order (see <see cref="RuntimesOf"/>).</summary>
    public IReadOnlyList<StudyRuntime> Runtimes { get; }

    /// <summary>Grouped by case (first appearance), then by runtime order.</summary>
    public IReadOnlyList<RuntimeComparisonRow> Rows { get; }

    /// <summary>
    /// The rows' runtimes in version order (net8.0, net9.0, net10.0: by the version in the moniker, not its text);
    /// monikers without a version follow, in the order they first appear.
    /// </summary>
    public static IReadOnlyList<StudyRuntime> RuntimesOf(IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Select(r => r.Runtime).DistinctBy(r => r.Moniker, StringComparer.Ordinal)
            .OrderBy(r => VersionOf(r.Moniker) is null)
            .ThenBy(r => VersionOf(r.Moniker))
            .ToList(); // a stable sort: equal keys keep their first appearance
    }

    /// <summary>The version a target framework moniker names: "net10.0" → 10.0, "netcoreapp3.1" → 3.1; null when it names none.</summary>
    public static Version? VersionOf(string moniker)
    {
        ArgumentNullException.ThrowIfNull(moniker);
        var digits = moniker.SkipWhile(c => !char.IsAsciiDigit(c)).TakeWhile(c => char.IsAsciiDigit(c) || c == '.');
        var text = string.Concat(digits);
        return Version.TryParse(text.Contains('.', StringComparison.Ordinal) ? text : text + ".0", out var version) ? version : null;
    }

    /// <summary>
    /// Compares the rows' runtimes; null when they carry fewer than two. The baseline runtime is
    /// <paramref name="baselineMoniker"/>, or the oldest runtime (the first in version order) when null.
    /// </summary>
    /// <exception cref="ArgumentException">The baseline moniker names no runtime of the rows.</exception>
    public static RuntimeComparison? Of(IReadOnlyList<StudyRow> rows, string? baselineMoniker = null)
    {
        var runtimes = RuntimesOf(rows);
        if (runtimes.Count < 2)
        {
            return null;
        }

        var baseline = baselineMoniker is null
            ? runtimes[0]
            : runtimes.FirstOrDefault(r => r.Moniker == baselineMoniker)
              ?? throw new ArgumentException($"baseline runtime '{baselineMoniker}' is not among the measured runtimes ({string.Join(", ", runtimes.Select(r => r.Moniker))})", nameof(baselineMoniker));
        var order = runtimes.Select((r, i) => (r.Moniker, i)).ToDictionary(p => p.Moniker, p => p.i, StringComparer.Ordinal);
        var compared = new List<RuntimeComparisonRow>();
        foreach (var sameCase in rows.GroupBy(r => r.CaseKey))
        {
            var onBaseline = sameCase.FirstOrDefault(r => r.Runtime.Moniker == baseline.Moniker);
            foreach (var row in sameCase.OrderBy(r => order[r.Runtime.Moniker]))
            {
                var (latency, note, paired) = LatencyAcross(row, onBaseline);
                compared.Add(new RuntimeComparisonRow(
                    row,
                    onBaseline,
                    onBaseline is null ? null : Ratio(row.P95Ns, onBaseline.P95Ns),
                    onBaseline is null ? null : Ratio(row.AllocatedBytesPerRequest, onBaseline.AllocatedBytesPerRequest))
                {
                    Latency = latency,
                    LatencyNote = note,
                    LatencyPaired = paired,
                    // The run's one fixed margin: the A/A checks calibrate, they never widen it.
                    LatencyMargin = AaCheck.MarginFor(row),
                });
            }
        }

        return new RuntimeComparison(baseline, runtimes, compared);
    }

    /// <summary>One sentence per case whose verdict differs between runtimes, then one per runtime on its ratios.</summary>
    public IReadOnlyList<string> Findings()
    {
        var findings = new List<string>();
        foreach (var sameCase in Rows.GroupBy(r => r.Row.CaseKey))
        {
            var verdicts = sameCase.Select(r => r.Row.Verdict).Distinct().Count();
            if (verdicts > 1)
            {
                var first = sameCase.First().Row;
                findings.Add($"{first.Case.Subject} ({first.Benchmark}.{first.Method}) changed verdict across runtimes: " +
                             string.Join(", ", sameCase.Select(r => $"{r.Row.Runtime.Name} {r.Row.Verdict.Text()}")) + ".");
            }
        }

        if (findings.Count == 0)
        {
            findings.Add($"Every case had the same verdict on all {Runtimes.Count} runtimes.");
        }

        foreach (var runtime in Runtimes.Where(r => r.Moniker != Baseline.Moniker))
        {
            var mine = Rows.Where(r => r.Row.Runtime.Moniker == runtime.Moniker).ToList();
            if (mine.All(r => r.OnBaselineRuntime is null))
            {
                findings.Add($"No case measured on {runtime.Name} was also measured on {Baseline.Name}.");
                continue;
            }

            var judged = mine.Where(r => r.Verdict is not null).ToList();
            var sentence = judged.Count == 0
                ? $"On {runtime.Name}, no case had enough timed blocks on both runtimes for a latency ratio against {Baseline.Name}"
                : $"On {runtime.Name} against {Baseline.Name}, latency ({(judged.All(r => r.LatencyPaired) ? "paired across runtimes" : judged.Any(r => r.LatencyPaired) ? "paired across runtimes where paired, else block medians of the two runs" : "block medians of the two runs")}) read: " +
                  string.Join(", ", Enum.GetValues<LatencyVerdict>().Select(v => (v, n: judged.Count(r => r.Verdict == v))).Where(x => x.n > 0)
                      .Select(x => $"{ReportFormat.Count(x.n)} {RatioVerdict.Words(x.v)}"));
            var alloc = mine.Where(r => r.AllocationRatio is not null).Select(r => r.AllocationRatio!.Value).ToList();
            if (alloc.Count > 0)
            {
                sentence += $"; allocation per request {Range(alloc)}";
            }

            findings.Add(sentence + ".");
        }

        return findings;
    }

    private static string Range(List<double> ratios)
    {
        ratios.Sort();
        var mid = ratios.Count / 2;
        var median = ratios.Count % 2 == 1 ? ratios[mid] : (ratios[mid - 1] + ratios[mid]) / 2;
        return ratios.Count == 1
            ? ReportFormat.Ratio(ratios[0])
            : $"{ReportFormat.Ratio(ratios[0])} to {ReportFormat.Ratio(ratios[^1])} (median {ReportFormat.Ratio(median)})";
    }

    /// <summary>
    /// The latency ratio of a case across two runtimes, or why there is none: the cross-runtime pairing's when the row
    /// has one against <paramref name="onBaselineRuntime"/>'s runtime (Paired), else from the two runs' case blocks' medians.
    /// </summary>
    public static (RatioInterval? Ratio, string? Note, bool Paired) LatencyAcross(StudyRow row, StudyRow? onBaselineRuntime)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (onBaselineRuntime is null)
        {
            return (null, "not measured on the baseline runtime", false);
        }

        if (ReferenceEquals(row, onBaselineRuntime) || row.Runtime.Moniker == onBaselineRuntime.Runtime.Moniker)
        {
            return (null, "the baseline runtime", false);
        }

        if (row.RuntimePair is { } pair && pair.Reference == onBaselineRuntime.Runtime.Moniker)
        {
            // The pairing's ratio or why it has none: never a two-sample figure in its place.
            return pair.Run?.Ratio is { } pairedRatio
                ? (pairedRatio, null, true)
                : (null, "not paired: " + (RuntimePairing.RuntimePairingSection.OneCell(pair.Failure) ?? "too few process pairs"), true);
        }

        var blocks = row.Census.Latency?.CaseBlockMediansUs ?? [];
        var baselineBlocks = onBaselineRuntime.Census.Latency?.CaseBlockMediansUs ?? [];
        if (Math.Min(blocks.Count, baselineBlocks.Count) < BlockSampleRatio.MinimumBlocks)
        {
            return (null, $"{blocks.Count} and {baselineBlocks.Count} timed blocks; at least {BlockSampleRatio.MinimumBlocks} on each runtime are needed for bounds", false);
        }

        return (BlockSampleRatio.Estimate(blocks, baselineBlocks), null, false);
    }

    private static double? Ratio(double? value, double? baseline) =>
        value is { } v && baseline is > 0 ? v / baseline.Value : null;
}
