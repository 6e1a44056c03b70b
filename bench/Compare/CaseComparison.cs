using LeakBench.Statistics;

namespace LeakBench.Compare;

/// <summary>One case in two runs: what each run measured, and every change beyond the margin, named.</summary>
public sealed record CaseComparison
{
    public required CaseKey Key { get; init; }

    /// <summary>The case in run A; null when only B measured it.</summary>
    public RunCase? A { get; init; }

    /// <summary>The case in run B; null when only A measured it.</summary>
    public RunCase? B { get; init; }

    /// <summary>A's paired ratio over B's with bounds (<see cref="PairedRatioAcrossRuns"/>); null when <see cref="RatioNote"/> says why not.</summary>
    public RatioInterval? Ratio { get; init; }

    /// <summary><see cref="Ratio"/> judged against the margin; null without a ratio.</summary>
    public LatencyVerdict? RatioVerdict { get; init; }

    /// <summary>Why there is no <see cref="Ratio"/>, or why it rests on report.csv's bounds; null for a ratio from block pairs.</summary>
    public string? RatioNote { get; init; }

    /// <summary>What <see cref="Ratio"/> rests on: <see cref="FromBlockPairs"/> or <see cref="FromReportBounds"/>; null without a ratio.</summary>
    public string? RatioBasis { get; init; }

    /// <summary>The ratio is the two runs' block pairs' (<see cref="PairedRatioAcrossRuns.Of"/>).</summary>
    public const string FromBlockPairs = "block pairs";

    /// <summary>The ratio rests on report.csv's bounds alone (<see cref="PairedRatioAcrossRuns.FromBounds"/>).</summary>
    public const string FromReportBounds = "report.csv bounds";

    /// <summary>Whether the two runs' socket verdicts differ (numbers in the texts aside: <see cref="SocketVerdictText"/>).</summary>
    public bool VerdictChanged => A is not null && B is not null && !SocketVerdictText.Same(A.VerdictText, B.VerdictText);

    /// <summary>Every change of this case beyond the margin, one sentence each; empty when nothing changed.</summary>
    public IReadOnlyList<string> Changes(double margin)
    {
        var changes = new List<string>();
        if (B is null)
        {
            changes.Add($"{Key.Name}: only in A");
        }

        if (A is null)
        {
            changes.Add($"{Key.Name}: only in B");
        }

        if (VerdictChanged)
        {
            changes.Add($"{Key.Name}: socket verdict changed from \"{A!.VerdictText}\" in A to \"{B!.VerdictText}\" in B");
        }

        if (Ratio is { } ratio && RatioVerdict is LatencyVerdict.Slower or LatencyVerdict.Faster)
        {
            changes.Add($"{Key.Name}: against its baseline, {Statistics.RatioVerdict.Words(RatioVerdict.Value)} in A than in B beyond the {Reports.ReportFormat.Percent(margin)} margin, " +
                        $"{Statistics.RatioVerdict.Figures(ratio, margin)} (A's paired ratio over B's, from {RatioBasis})");
        }

        return changes;
    }
}
