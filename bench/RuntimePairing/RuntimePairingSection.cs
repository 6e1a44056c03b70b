using System.Globalization;
using System.Text;
using LeakBench.Statistics;

namespace LeakBench.RuntimePairing;

/// <summary>
/// The report's "Runtimes paired" section: each case's latency on each runtime as a ratio to the reference runtime's,
/// from process pairs alive together (bounds over the process pairs, so the process-to-process spread is in them), the
/// verdict with the run's fixed margin, the achieved precision, and each group's two-process A/A.
/// </summary>
public static class RuntimePairingSection
{
    public static string Markdown(IReadOnlyList<RuntimeCaseComparison> comparisons, double margin)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        if (comparisons.Count == 0)
        {
            return string.Empty;
        }

        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine().AppendLine("## Runtimes paired").AppendLine();
        md.AppendLine(c, $"Each case's median latency on a runtime over the same case on {comparisons[0].Reference}, timed in two processes alive together against the same target ");
        md.AppendLine(c, $"(blocks of {RuntimePairingSettings.Quick.BlockRequests} requests timed inside each process, in sub-blocks of {RuntimePairingSettings.Quick.SubBlockRequests} that alternate between the two processes in ABBA order). Bounds: 95% Student t over the process pairs' log ratios, so they carry ");
        md.AppendLine(c, $"the process-to-process spread; verdicts with the run's margin of {Percent(margin)}. Raw blocks: {RuntimePairsCsv.FileName}.").AppendLine();
        // The ratios sought: a case the study did not time on purpose has none to reach.
        var measured = comparisons.Where(x => !x.IsAa && !x.NotTimedOnPurpose).ToList();
        var withRatio = measured.Where(x => x.Run?.Ratio is not null).ToList();
        var precise = withRatio.Count(x => x.Run!.Ratio!.LogHalfWidth <= Math.Log(1 + RuntimePairingSettings.Quick.PrecisionTarget));
        md.AppendLine(c, $"Achieved precision: {precise} of {measured.Count} ratios have a half-width within {Percent(RuntimePairingSettings.Quick.PrecisionTarget)}.").AppendLine();
        md.AppendLine("| case | runtime | ratio [95% bounds] | verdict | process pairs | half-width | seconds |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var x in comparisons)
        {
            var label = x.IsAa ? $"A/A {x.Benchmark} baseline" : x.Case.Label;
            if (x.Run?.Ratio is not { } r)
            {
                md.AppendLine(c, $"| {label} | {x.Runtime} | {OneCell(x.Failure) ?? "too few process pairs"} | | | | |");
                continue;
            }

            md.AppendLine(c, $"| {label} | {x.Runtime} | {RatioVerdict.Figures(r, margin)} | {RatioVerdict.Words(RatioVerdict.Judge(r, margin))} | {r.Pairs} | {Percent(Math.Exp(r.LogHalfWidth) - 1, "0.0")} | {x.Run.Elapsed.TotalSeconds:F1} |");
        }

        return md.ToString();
    }

    /// <summary>A failure as one table cell: its first line (a child's stack trace stays in the run's output), no pipe.</summary>
    public static string? OneCell(string? failure) =>
        failure?.Split('\n', 2)[0].TrimEnd('\r').Replace("|", "\\|", StringComparison.Ordinal);

    private static string Percent(double fraction, string format = "0.#") => (fraction * 100).ToString(format, CultureInfo.InvariantCulture) + "%";
}
