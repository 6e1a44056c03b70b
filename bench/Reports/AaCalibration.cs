using LeakBench.Statistics;

namespace LeakBench.Reports;

/// <summary>
/// The A/A check as a calibration, not a margin: a group's baseline paired with itself should give bounds that contain 1
/// and are no wider than the run's margin. Bounds that exclude 1 point to a bias of the design (order, warm-up, one
/// connection's speed) that falls on that group's verdicts too; bounds wider than the margin say that the run cannot tell a
/// difference of the margin's size from none there, so its verdicts will mostly read "inconclusive". Either way the group
/// is flagged where the reader sees its verdicts; the verdicts themselves still use the run's fixed margin.
/// </summary>
/// <param name="Aa">The A/A ratio with its bounds.</param>
/// <param name="Margin">The run's practical margin.</param>
public sealed record AaCalibration(RatioInterval Aa, double Margin)
{
    /// <summary>The bounds lie wholly above or below 1: two identical sides measured as different.</summary>
    public bool ExcludesOne => Aa.ExcludesOne;

    /// <summary>The half-width (½·ln(hi/lo), in log space as the pairing's precision target) exceeds ln(1 + margin).</summary>
    public bool WiderThanMargin => Aa.LogHalfWidth > Math.Log(1 + Margin);

    /// <summary>True when the group should be read with care.</summary>
    public bool Flagged => ExcludesOne || WiderThanMargin;

    /// <summary>The half-width as a fraction (exp(½·ln(hi/lo)) − 1): 0.025 for [0.976–1.025].</summary>
    public double HalfWidth => Math.Exp(Aa.LogHalfWidth) - 1;

    /// <summary>Why the group is flagged, in the reader's words; empty when it is not.</summary>
    public string Reason
    {
        get
        {
            var reasons = new List<string>();
            if (ExcludesOne)
            {
                reasons.Add("its bounds exclude 1 (a bias of the design: order, warm-up or one connection's speed)");
            }

            if (WiderThanMargin)
            {
                reasons.Add($"its half-width ±{ReportFormat.Percent(HalfWidth)} is wider than the ±{ReportFormat.Percent(Margin)} margin (the run cannot resolve a difference of that size there)");
            }

            return string.Join("; ", reasons);
        }
    }

    /// <summary>The short mark next to a case of a flagged group: "⚠ A/A excludes 1", "⚠ A/A wider than margin", or "" when not flagged.</summary>
    public string Mark => (ExcludesOne, WiderThanMargin) switch
    {
        (true, true) => "⚠ A/A excludes 1, wider than margin",
        (true, false) => "⚠ A/A excludes 1",
        (false, true) => "⚠ A/A wider than margin",
        _ => "",
    };

    /// <summary>The calibration of the median A/A of <paramref name="aaRow"/> against the run's margin; null when the row has no A/A ratio.</summary>
    public static AaCalibration? Of(StudyRow aaRow)
    {
        ArgumentNullException.ThrowIfNull(aaRow);
        return aaRow.Census.Latency is { IsAa: true, Median: { } median } latency ? new AaCalibration(median, latency.Margin) : null;
    }

    /// <summary>The calibration of <paramref name="row"/>'s group (its own for a baseline); null when the group has no A/A.</summary>
    public static AaCalibration? ForGroupOf(StudyRow row, IReadOnlyList<StudyRow> rows) =>
        AaCheck.GroupBaseline(row, rows) is { } baseline ? Of(baseline) : null;

    /// <summary>The A/A rows whose calibration is flagged, in row order.</summary>
    public static IReadOnlyList<(StudyRow Row, AaCalibration Calibration)> FlaggedGroups(IReadOnlyList<StudyRow> rows) =>
        AaCheck.Rows(rows).Select(r => (Row: r, Calibration: Of(r)!)).Where(x => x.Calibration.Flagged).ToList();
}
