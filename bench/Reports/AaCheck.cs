using System.Text;
using LeakBench.Statistics;

namespace LeakBench.Reports;

/// <summary>
/// The run's A/A checks, from its rows: every group's baseline (same benchmark class and parameters,
/// same runtime) was paired with itself in its own benchmark process. They calibrate (<see cref="AaCalibration"/>
/// flags a group whose A/A excludes 1 or is wider than the margin); every verdict uses the run's one fixed margin
/// (<see cref="MarginFor"/>).
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

    /// <summary>The baseline row of <paramref name="row"/>'s group (the row itself for a baseline); see <see cref="CaseGroups.BaselineOf"/>.</summary>
    public static StudyRow? GroupBaseline(StudyRow row, IReadOnlyList<StudyRow> rows) => CaseGroups.BaselineOf(row, rows);

    /// <summary>The run's practical margin, as the row's pairing recorded it (5% for rows without one): never widened by an A/A.</summary>
    public static double MarginFor(StudyRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Census.Latency?.Margin ?? PracticalMargin.Default;
    }

    /// <summary>A case's latency verdict against the run's margin; null for an A/A row (both sides ran the same code) or a case without a ratio.</summary>
    public static LatencyVerdict? VerdictOf(StudyRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Census.Latency is { IsAa: false, Median: { } median } ? RatioVerdict.Judge(median, MarginFor(row)) : null;
    }

    /// <summary>
    /// The tail's (block P95s') verdict against the same margin as the median's; null where the tail has no ratio, where its blocks are too small
    /// for a P95 to be a quantile (<see cref="Pairing.PairedLatency.P95HasVerdict"/>: it is then descriptive), or for an A/A row. The one place the report, the CSV and the charts read a P95 verdict from.
    /// </summary>
    public static LatencyVerdict? TailVerdictOf(StudyRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Census.Latency is { IsAa: false, P95: { } tail, P95HasVerdict: true } ? RatioVerdict.Judge(tail, MarginFor(row)) : null;
    }

    /// <summary>
    /// aa.csv: the four columns the study names (latency_ratio, latency_ratio_lo, latency_ratio_hi, pairs),
    /// after the columns that say which baseline and runtime each A/A row is, then the run's margin.
    /// </summary>
    public static string Csv(IReadOnlyList<StudyRow> rows)
    {
        var csv = new StringBuilder();
        StudyCsvWriter.AppendRecord(csv, ["benchmark", "case", "runtime", "latency_ratio", "latency_ratio_lo", "latency_ratio_hi", "pairs", "margin"]);
        foreach (var row in Rows(rows))
        {
            var aa = row.Census.Latency!;
            StudyCsvWriter.AppendRecord(csv,
            [
                row.Benchmark, row.Case.Label, row.Runtime.Moniker,
                ReportFormat.Raw(aa.Median!.Ratio), ReportFormat.Raw(aa.Median.Lower), ReportFormat.Raw(aa.Median.Upper), ReportFormat.Count(aa.Pairs),
                ReportFormat.Raw(aa.Margin),
            ]);
        }

        return csv.ToString();
    }
}
