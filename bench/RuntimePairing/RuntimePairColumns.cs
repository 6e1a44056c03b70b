using LeakBench.Reports;
using LeakBench.Statistics;

namespace LeakBench.RuntimePairing;

/// <summary>report.csv's runtime_* cells of one row: empty when the row was not paired or got no ratio.</summary>
public static class RuntimePairColumns
{
    /// <summary>The report.csv column names, in order (see <see cref="Reports.StudyCsvWriter"/>).</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["runtime_ratio", "runtime_ratio_lo", "runtime_ratio_hi", "runtime_verdict", "runtime_process_pairs", "runtime_half_width"];

    public static string[] Of(RuntimeCaseComparison? pair, double margin) => Of(pair?.Run?.Ratio, margin);

    /// <summary>The cells of a cross-runtime ratio (null: none), with its verdict against <paramref name="margin"/>.</summary>
    public static string[] Of(RatioInterval? ratio, double margin)
    {
        if (ratio is not { } r)
        {
            return ["", "", "", "", "", ""];
        }

        return
        [
            ReportFormat.Raw(r.Ratio), ReportFormat.Raw(r.Lower), ReportFormat.Raw(r.Upper),
            RatioVerdict.Words(RatioVerdict.Judge(r, margin)), ReportFormat.Count(r.Pairs), ReportFormat.Raw(Math.Exp(r.LogHalfWidth) - 1),
        ];
    }
}
