using System.Text;
using LeakBench.Reports;

namespace LeakBench.RuntimePairing;

/// <summary>
/// runtime_pairs.csv, the raw data of the cross-runtime pairing: one row per block pair, both sides' block medians,
/// P95s and GCs, so that <c>verify</c> (or a reader) can recompute every process pair's log ratio and the bounds.
/// The A/A rows have the reference runtime on both sides.
/// </summary>
public static class RuntimePairsCsv
{
    public const string FileName = "runtime_pairs.csv";

    public static IReadOnlyList<string> Columns { get; } =
    [
        "case", "benchmark", "method", "runtime", "reference_runtime", "process_pair", "block", "runtime_first",
        "runtime_median_us", "runtime_p95_us", "reference_median_us", "reference_p95_us",
        "runtime_gen0", "runtime_gen1", "runtime_gen2", "reference_gen0", "reference_gen1", "reference_gen2",
    ];

    public static string Write(IEnumerable<RuntimeCaseComparison> comparisons)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var csv = new StringBuilder();
        StudyCsvWriter.AppendRecord(csv, Columns);
        foreach (var c in comparisons)
        {
            foreach (var p in c.Run?.BlockPairs ?? [])
            {
                StudyCsvWriter.AppendRecord(csv,
                [
                    c.Case.Label, c.Benchmark, c.Method, c.Runtime, c.Reference, ReportFormat.Count(p.ProcessPair), ReportFormat.Count(p.Block), p.RuntimeFirst ? "true" : "false",
                    ReportFormat.Raw(p.Runtime.MedianMicroseconds), ReportFormat.Raw(p.Runtime.P95Microseconds),
                    ReportFormat.Raw(p.Reference.MedianMicroseconds), ReportFormat.Raw(p.Reference.P95Microseconds),
                    ReportFormat.Count(p.Runtime.Gen0), ReportFormat.Count(p.Runtime.Gen1), ReportFormat.Count(p.Runtime.Gen2),
                    ReportFormat.Count(p.Reference.Gen0), ReportFormat.Count(p.Reference.Gen1), ReportFormat.Count(p.Reference.Gen2),
                ]);
            }
        }

        return csv.ToString();
    }
}
