using LeakBench.Statistics;

namespace LeakBench.Reports;

/// <summary>
/// The run's A/A checks, from its rows: every group's baseline (same benchmark class and parameters,
/// same runtime) was paired with itself in its own benchmark process. Each case's verdict uses its own
/// group's A/A (<see cref="MarginFor"/>), so a noisy 2 MiB group cannot wipe out the verdicts of a
/// quiet 1 KiB one.
/// </summary>
public static class AaCheck
{
    public const string CsvFile = "aa.csv";

    /// <summary>The baseline rows that have an A/A ratio, in row order.</summary>
    public static IReadOnlyList<StudyRow> Rows(IReadOnlyList<StudyRow> rows) =>
        rows.Where(r => r.Census.Latency is { IsAa: true, Median: not null }).ToList();

    /// <summary>The A/A whose bounds reach furthest from 1; null when no baseline was paired.</summary>
    public static StudyRow? Widest(IReadOnlyList<StudyRow> rows) =>
        Rows(rows).MaxBy(r => r.Census.Latency!.Median!.ReachFromOne);

    /// <summary>The A/A whose bounds stay closest to 1; null when no baseline was paired.</summary>
    public static StudyRow? Narrowest(IReadOnlyList<StudyRow> rows) =>
        Rows(rows).MinBy(r => r.Census.Latency!.Median!.ReachFromOne);

    /// <summary>The A/A rows whose bounds reach beyond [0.95, 1.05]: the groups too noisy for differences below that width.</summary>
    public static IReadOnlyList<StudyRow> TooNoisy(IReadOnlyList<StudyRow> rows) =>
        Rows(rows).Where(r => PracticalMargin.TooNoisy(r.Census.Latency!.Median!)).ToList();

    /// <summary>
    /// The baseline row of <paramref name="row"/>'s group (the row itself for a baseline): same benchmark,
    /// runtime and the case <see cref="StudyRow.BaselineCase"/> names; null when the run has no such row.
    /// </summary>
    public static StudyRow? GroupBaseline(StudyRow row, IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(rows);
        if (row.IsBaseline)
        {
            return row;
        }

        return row.BaselineCase is not { } baselineCase
            ? null
            : rows.FirstOrDefault(r => r.IsBaseline && r.Benchmark == row.Benchmark && r.Runtime.Moniker == row.Runtime.Moniker && r.Case == baselineCase);
    }

    /// <summary>
    /// The A/A a case's verdict answers to: its group's; when its group has none (no baseline row, or the
    /// baseline's pairing failed), the run's widest, so that a missing check never makes a margin tighter.
    /// Null when the run has no A/A at all.
    /// </summary>
    public static RatioInterval? AaFor(StudyRow row, IReadOnlyList<StudyRow> rows) =>
        GroupBaseline(row, rows)?.Census.Latency is { IsAa: true, Median: { } own } ? own : Widest(rows)?.Census.Latency!.Median;

    /// <summary>A case's practical margin: 5% or the reach of its group's A/A, whichever is larger.</summary>
    public static double MarginFor(StudyRow row, IReadOnlyList<StudyRow> rows) => PracticalMargin.For(AaFor(row, rows));

    /// <summary>A case's latency verdict against its own margin; null for an A/A row (both sides ran the same code) or a case without a ratio.</summary>
    public static LatencyVerdict? VerdictOf(StudyRow row, IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Census.Latency is { IsAa: false, Median: { } median } ? RatioVerdict.Judge(median, MarginFor(row, rows)) : null;
    }

    /// <summary>
    /// The tail's (block P95s') verdict against the same margin as the median's; null where the tail has no ratio or
    /// for an A/A row. The one place the report, the CSV and the charts read a P95 verdict from.
    /// </summary>
    public static LatencyVerdict? TailVerdictOf(StudyRow row, IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Census.Latency is { IsAa: false, P95: { } tail } ? RatioVerdict.Judge(tail, MarginFor(row, rows)) : null;
    }

    /// <summary>
    /// aa.csv: the four columns the study names (latency_ratio, latency_ratio_lo, latency_ratio_hi, pairs),
    /// after the columns that say which baseline and runtime each A/A row is, then the margin its group's
    /// verdicts use.
    /// </summary>
    public static string Csv(IReadOnlyList<StudyRow> rows)
    {
        var lines = new List<string> { "benchmark,case,runtime,latency_ratio,latency_ratio_lo,latency_ratio_hi,pairs,margin" };
        foreach (var row in Rows(rows))
        {
            var aa = row.Census.Latency!;
            lines.Add(string.Join(',', new[]
            {
                row.Benchmark, row.Case.Label, row.Runtime.Moniker,
                ReportFormat.Raw(aa.Median!.Ratio), ReportFormat.Raw(aa.Median.Lower), ReportFormat.Raw(aa.Median.Upper), ReportFormat.Count(aa.Pairs),
                ReportFormat.Raw(PracticalMargin.For(aa.Median)),
            }.Select(StudyCsvWriter.Field)));
        }

        return string.Join("\r\n", lines) + "\r\n";
    }
}
