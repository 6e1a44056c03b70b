using LeakBench.Reports;
using LeakBench.Statistics;

namespace LeakBench.RuntimePairing;

/// <summary>report.csv's runtime_* cells of one row: empty when the row was not paired or got no ratio.</summary>
public static class RuntimePairColumns
{
    public static string[] Of(RuntimeCaseComparison? pair, double margin)
    {
        if (pair?.Run?.Ratio is not { } r)
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
