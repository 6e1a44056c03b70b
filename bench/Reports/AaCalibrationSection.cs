using System.Text;

namespace LeakBench.Reports;

/// <summary>
/// Where the report shows the A/A calibration (<see cref="AaCalibration"/>) and the run's one margin: the warning block
/// at the top, the A/A column next to each case's verdict, the margin line of the environment block.
/// </summary>
public static class AaCalibrationSection
{
    /// <summary>The warning block: every flagged group with its A/A figures and the reason; nothing when no group is flagged.</summary>
    public static void WriteWarning(StringBuilder md, IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(md);
        var flagged = AaCalibration.FlaggedGroups(rows);
        if (flagged.Count == 0)
        {
            return;
        }

        md.Append("> **A/A calibration flagged ").Append(ReportFormat.Count(flagged.Count)).Append(" of ").Append(ReportFormat.Count(AaCheck.Rows(rows).Count))
          .Append(" groups** (each group's baseline against itself): ")
          .Append(string.Join("; ", flagged.Select(f => $"{f.Row.Benchmark} · {f.Row.Case.Label} ({f.Row.Runtime.Moniker}) {Statistics.RatioVerdict.Figures(f.Calibration.Aa)}: {f.Calibration.Reason}")))
          .Append(". Their cases' verdicts still use the run's fixed margin; read them with the flag (marked in the A/A column of the latency table).\n\n");
    }

    /// <summary>The A/A cell of a case: "ok", the flag of its group, or "no A/A" when its group has none.</summary>
    public static string Cell(StudyRow row, IReadOnlyList<StudyRow> rows)
    {
        var median = AaCalibration.ForGroupOf(row, rows) switch
        {
            null => "no A/A",
            { Flagged: true } calibration => calibration.Mark,
            _ => "ok",
        };
        // The tail's own A/A, where the tail has a verdict: its bounds are wider than the median's, so it has its own flag.
        return AaCheck.GroupBaseline(row, rows)?.Census.Latency is { IsAa: true, P95HasVerdict: true, P95: { } p95 } aa
               && new AaCalibration(p95, aa.Margin) is { Flagged: true } tail
            ? $"{median}; P95 {tail.Mark}"
            : median;
    }

    /// <summary>The environment block's margin line.</summary>
    public static string MarginText(double margin) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"±{ReportFormat.Percent(margin)}, fixed for the run (--margin): no practical difference only within [{1 - margin:0.###}–{1 + margin:0.###}], slower or faster only wholly beyond");

    /// <summary>One run, one margin: every paired row must have been judged against the environment's margin.</summary>
    /// <exception cref="ArgumentException">A row recorded another margin.</exception>
    public static void ValidateMargin(StudyEnvironment environment, IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.FirstOrDefault(r => r.Census.Latency is { } l && l.Margin != environment.LatencyMargin) is { } other)
        {
            throw new ArgumentException(
                $"{other.Benchmark}.{other.Method} ({other.Case.Label}) was paired with a margin of {ReportFormat.Percent(other.Census.Latency!.Margin)}, the run's is {ReportFormat.Percent(environment.LatencyMargin)}: one run has one margin",
                nameof(rows));
        }
    }
}
