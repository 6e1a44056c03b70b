using LeakBench.Statistics;

namespace LeakBench.Compare;

/// <summary>
/// Two runs compared case by case (matched by <see cref="CaseKey"/>): socket verdicts, connection and allocation
/// figures side by side, and each case's paired ratio in A against B judged with a fixed margin (<see cref="RatioVerdict.Judge"/>).
/// Something changed when a case is in one run only, a socket verdict differs, or a ratio is slower or faster beyond the margin.
/// </summary>
public sealed class RunComparison
{
    private RunComparison(StudyRun a, StudyRun b, double margin, IReadOnlyList<CaseComparison> cases)
    {
        A = a;
        B = b;
        Margin = margin;
        Cases = cases;
    }

    public StudyRun A { get; }

    public StudyRun B { get; }

    /// <summary>The practical margin as a fraction (0.05: 5%).</summary>
    public double Margin { get; }

    /// <summary>A's cases in A's order, then those only in B in B's order.</summary>
    public IReadOnlyList<CaseComparison> Cases { get; }

    /// <summary>Cases measured in both runs; zero means the runs are of different studies.</summary>
    public int Shared => Cases.Count(c => c.A is not null && c.B is not null);

    /// <summary>Every change beyond the margin, named, in case order.</summary>
    public IReadOnlyList<string> Changes => Cases.SelectMany(c => c.Changes(Margin)).ToList();

    public bool HasChanges => Cases.Any(c => c.Changes(Margin).Count > 0);

    public static RunComparison Of(StudyRun a, StudyRun b, double margin)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentOutOfRangeException.ThrowIfNegative(margin);
        var inB = b.Cases.ToDictionary(c => c.Key);
        var inA = a.Cases.Select(c => c.Key).ToHashSet();
        var cases = a.Cases.Select(c => Compare(c.Key, c, inB.GetValueOrDefault(c.Key), margin))
            .Concat(b.Cases.Where(c => !inA.Contains(c.Key)).Select(c => Compare(c.Key, null, c, margin)))
            .ToList();
        return new RunComparison(a, b, margin, cases);
    }

    /// <summary>One case's comparison: its paired ratio in A against B, or why there is none.</summary>
    public static CaseComparison Compare(CaseKey key, RunCase? a, RunCase? b, double margin)
    {
        ArgumentNullException.ThrowIfNull(key);
        var comparison = new CaseComparison { Key = key, A = a, B = b };
        if (a is null || b is null)
        {
            return comparison;
        }

        if (a.IsBaseline || b.IsBaseline)
        {
            return comparison with { RatioNote = "the group's baseline: its pairing is the run's A/A check, not a case effect" };
        }

        string whyNoPairs;
        if (a.PairLogRatios.Count == 0 || b.PairLogRatios.Count == 0)
        {
            var missing = (a.PairLogRatios.Count == 0, b.PairLogRatios.Count == 0) switch
            {
                (true, true) => "neither run keeps",
                (true, false) => "run A keeps no",
                _ => "run B keeps no",
            };
            whyNoPairs = $"{missing} block pairs for this case (a run without paired latency, or no raw file for it)";
        }
        else
        {
            var (ratio, whyNot) = PairedRatioAcrossRuns.Of(a.PairLogRatios, b.PairLogRatios);
            if (ratio is not null)
            {
                return comparison with { Ratio = ratio, RatioVerdict = RatioVerdict.Judge(ratio, margin), RatioBasis = CaseComparison.FromBlockPairs };
            }

            whyNoPairs = whyNot!;
        }

        if (a.LatencyRatio is { } ratioA && b.LatencyRatio is { } ratioB)
        {
            var fromBounds = PairedRatioAcrossRuns.FromBounds(ratioA, ratioB);
            return comparison with
            {
                Ratio = fromBounds,
                RatioVerdict = RatioVerdict.Judge(fromBounds, margin),
                RatioBasis = CaseComparison.FromReportBounds,
                RatioNote = $"{whyNoPairs}: from the two runs' 95% bounds in report.csv instead (both hold with at least 90%)",
            };
        }

        return comparison with { RatioNote = whyNoPairs };
    }
}
