using System.Text;

namespace LeakBench.Reports;

/// <summary>
/// pairs.csv: the block pairs behind every latency ratio, one record per case and pair, so that every ratio, bound,
/// margin and verdict of report.csv can be recomputed (<c>leakbench verify</c>) and two runs compared pair by pair.
/// A baseline's pairs are its A/A check (the baseline against itself). Latencies in microseconds at round-trip
/// precision ("R"): the Harrell–Davis block quantiles the ratios were computed from, bit for bit.
/// </summary>
public static class PairsCsv
{
    public const string File = "pairs.csv";

    /// <summary>The header, in column order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "benchmark", "method", "case", "job", "runtime", "pair", "case_first",
        "case_median_us", "baseline_median_us", "case_p95_us", "baseline_p95_us",
    ];

    /// <summary>Every row's block pairs in row order (a row without pairs has no record); the header alone when none has any.</summary>
    public static string Write(IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var csv = new StringBuilder();
        StudyCsvWriter.AppendRecord(csv, Columns);
        foreach (var row in rows)
        {
            if (row.Census.Latency is not { } latency)
            {
                continue;
            }

            var count = new[] { latency.CaseBlockMediansUs.Count, latency.BaselineBlockMediansUs.Count, latency.CaseBlockP95sUs.Count, latency.BaselineBlockP95sUs.Count }.Min();
            for (var i = 0; i < count; i++)
            {
                StudyCsvWriter.AppendRecord(csv,
                [
                    row.Benchmark, row.Method, row.Case.Label, row.Job ?? "", row.Runtime.Moniker, ReportFormat.Count(i),
                    // Which side went first in this pair; empty in census files written before the pairing recorded it.
                    i < latency.CaseFirst.Count ? (latency.CaseFirst[i] ? "true" : "false") : "",
                    ReportFormat.Raw(latency.CaseBlockMediansUs[i]), ReportFormat.Raw(latency.BaselineBlockMediansUs[i]),
                    ReportFormat.Raw(latency.CaseBlockP95sUs[i]), ReportFormat.Raw(latency.BaselineBlockP95sUs[i]),
                ]);
            }
        }

        return csv.ToString();
    }
}
