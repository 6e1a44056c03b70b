using LeakBench.Statistics;

namespace LeakBench.Reports;

/// <summary>
/// The run's A/A check, from its rows: every group's baseline was paired with itself in its own
/// benchmark process. The run's A/A is the one whose bounds reach furthest from 1, so the margin
/// (<see cref="PracticalMargin"/>) is never tighter than the noisiest baseline showed.
/// </summary>
public static class AaCheck
{
    public const string CsvFile = "aa.csv";

    /// <summary>The baseline rows that have an A/A ratio, in row order.</summary>
    public static IReadOnlyList<StudyRow> Rows(IReadOnlyList<StudyRow> rows) =>
        rows.Where(r => r.Census.Latency is { IsAa: true, Median: not null }).ToList();

    /// <summary>The run's A/A: the widest; null when no baseline was paired.</summary>
    public static StudyRow? Widest(IReadOnlyList<StudyRow> rows) =>
        Rows(rows).MaxBy(r => r.Census.Latency!.Median!.ReachFromOne);

    /// <summary>The run's practical margin: 5% or the widest A/A reach.</summary>
    public static double Margin(IReadOnlyList<StudyRow> rows) => PracticalMargin.For(Widest(rows)?.Census.Latency!.Median);

    /// <summary>
    /// aa.csv: the four columns the study names (latency_ratio, latency_ratio_lo, latency_ratio_hi, pairs),
    /// after the columns that say which baseline and runtime each A/A row is.
    /// </summary>
    public static string Csv(IReadOnlyList<StudyRow> rows)
    {
        var lines = new List<string> { "benchmark,case,runtime,latency_ratio,latency_ratio_lo,latency_ratio_hi,pairs" };
        foreach (var row in Rows(rows))
        {
            var aa = row.Census.Latency!;
            lines.Add(string.Join(',', new[]
            {
                row.Benchmark, row.Case.Label, row.Runtime.Moniker,
                ReportFormat.Raw(aa.Median!.Ratio), ReportFormat.Raw(aa.Median.Lower), ReportFormat.Raw(aa.Median.Upper), ReportFormat.Count(aa.Pairs),
            }.Select(StudyCsvWriter.Field)));
        }

        return string.Join("\r\n", lines) + "\r\n";
    }
}
