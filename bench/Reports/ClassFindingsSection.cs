using System.Text;
using LeakBench.Reports.Charts;
using LeakBench.Statistics;

namespace LeakBench.Reports;

/// <summary>
/// The report's first screen after the headline figure: one short paragraph per benchmark class, each generated from
/// that class's rows alone (a named set of rows), so that it cannot say what its rows do not: what the connections
/// did (the verdicts' counts), what latency did against the baselines (the paired verdicts' counts, from
/// <see cref="AaCheck.VerdictOf"/>, with the largest ratio each way), and which cases broke and were not timed.
/// The full record follows it.
/// </summary>
public static class ClassFindingsSection
{
    public static void Write(StringBuilder md, IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(rows);
        md.Append("## Findings\n\n");
        foreach (var benchmark in rows.GroupBy(r => r.Benchmark, StringComparer.Ordinal))
        {
            md.Append(Paragraph(benchmark.ToList())).Append("\n\n");
        }
    }

    /// <summary>The paragraph of one class: its rows, on every runtime the run measured it on.</summary>
    public static string Paragraph(IReadOnlyList<StudyRow> classRows)
    {
        ArgumentNullException.ThrowIfNull(classRows);
        if (classRows.Count == 0)
        {
            throw new ArgumentException("a class paragraph needs the class's rows", nameof(classRows));
        }

        var runtimes = ChartGroups.Runtimes(classRows);
        var cases = classRows.Select(r => r.CaseKey).Distinct().Count();
        var text = new StringBuilder();
        text.Append($"**{ChartGroups.ShortBenchmark(classRows[0].Benchmark)}** ({Plural(cases, "case")}");
        if (runtimes.Count > 1)
        {
            text.Append($" on {string.Join(", ", runtimes.Select(r => r.Name))}");
        }

        text.Append("). Connections: ");
        text.Append(string.Join(", ", classRows.GroupBy(r => r.Verdict).OrderBy(g => g.Key).Select(g => $"{ReportFormat.Count(g.Count())} × {g.Key.Text()}")));
        text.Append('.');

        var others = classRows.Where(r => !r.IsBaseline).ToList();
        var judged = others.Select(r => (Row: r, Verdict: AaCheck.VerdictOf(r))).Where(x => x.Verdict is not null).ToList();
        if (judged.Count > 0)
        {
            var counts = Enum.GetValues<LatencyVerdict>()
                .Select(v => (v, n: judged.Count(x => x.Verdict == v)))
                .Where(x => x.n > 0)
                .Select(x => $"{ReportFormat.Count(x.n)} {RatioVerdict.Words(x.v)}");
            text.Append($" Latency, paired against each group's baseline: {string.Join(", ", counts)}");
            var extremes = new List<string>();
            var slower = judged.Where(x => x.Verdict == LatencyVerdict.Slower).Select(x => x.Row).ToList();
            if (slower.Count > 0)
            {
                var slowest = slower.MaxBy(r => r.Census.Latency!.Median!.Ratio)!;
                extremes.Add($"slowest {Name(slowest, classRows)} {RatioVerdict.Figures(slowest.Census.Latency!.Median!)}");
            }

            var faster = judged.Where(x => x.Verdict == LatencyVerdict.Faster).Select(x => x.Row).ToList();
            if (faster.Count > 0)
            {
                var fastest = faster.MinBy(r => r.Census.Latency!.Median!.Ratio)!;
                extremes.Add($"fastest {Name(fastest, classRows)} {RatioVerdict.Figures(fastest.Census.Latency!.Median!)}");
            }

            text.Append(extremes.Count > 0 ? $" ({string.Join("; ", extremes)})." : ".");
        }

        var noRatio = others.Count(r => r.NotTimed is null && AaCheck.VerdictOf(r) is null);
        if (noRatio > 0)
        {
            text.Append($" {Plural(noRatio, "case")} without a paired ratio.");
        }

        var untimed = others.Where(r => r.NotTimed is not null).ToList();
        if (untimed.Count > 0)
        {
            text.Append($" Not timed, on purpose: {string.Join("; ", untimed.Select(r => $"{Name(r, classRows)} ({r.VerdictText})"))}.");
        }

        return text.ToString();
    }

    // The case as the class's paragraph names it: its label, and its runtime when the class ran on several.
    private static string Name(StudyRow row, IReadOnlyList<StudyRow> classRows) =>
        ChartGroups.SeveralRuntimes(classRows) ? $"{row.Case.Label} ({row.Runtime.Name})" : row.Case.Label;

    private static string Plural(int count, string noun) => $"{ReportFormat.Count(count)} {noun}{(count == 1 ? "" : "s")}";
}
