using System.Text;
using LeakBench.Shapes;
using LeakBench.Statistics;

namespace LeakBench.Reports;

/// <summary>
/// The report's "Would my analyzer catch it?" (issue 23): per leak shape, the rules that fired when the shapes were
/// compiled with CA2000 and IDisposableAnalyzers on, and what the shape costs (its study case's verdict and numbers in
/// this run). A shape whose case does not reuse its connection and that no rule flags is a finding, listed below the table.
/// </summary>
public static class ShapesSection
{
    public static void Write(StringBuilder md, IReadOnlyList<StudyRow> rows, ShapeCoverage? coverage)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(rows);
        if (coverage is null)
        {
            return;
        }

        md.Append("## Would my analyzer catch it?\n\n");
        if (coverage.NotRun is not null)
        {
            md.Append($"The leak shapes (tests/LeakShapes) were not analysed in this run: {coverage.NotRun}. shapes.csv says the same.\n\n");
            return;
        }

        var analyzers = coverage.Analyzers.Count > 0 ? string.Join(" and ", coverage.Analyzers) : "the pinned analyzer packages";
        md.Append($"Each shape is code written the way real code handles a response (tests/LeakShapes/Shapes, one file each), compiled with {analyzers}, " +
                  "CA2000 raised to warning (it is off by default) and IDisposableAnalyzers' rules at warning; the rules that fired come from the compile's " +
                  $"SARIF log ({ShapeCoverage.SarifFile}). ✓: the rule fired on the shape. The cost is the shape's study case in this run " +
                  "(connections per 1,000 requests; client sockets ESTABLISHED after the requests → after a full GC; median latency against the group's baseline).\n\n");
        var runtime = rows[0].Runtime.Moniker;
        var studied = ShapeCoverage.StudiedRules;
        md.Append("| Shape | What the code does | ").AppendJoin(" | ", studied).Append(" | Other rules | Study case | Verdict | Conn/1k | Leaked → after GC | Latency |\n");
        md.Append("|---|---|").Append(string.Concat(studied.Select(_ => ":-:|"))).Append("---|---|---|---:|---:|---|\n");
        foreach (var shape in coverage.Shapes)
        {
            var rules = coverage.RulesOf(shape);
            var row = CaseRow(shape, rows, runtime);
            var c = row?.Census;
            var cells = new List<string>
            {
                $"`{shape.Id}`",
                shape.Description,
            };
            cells.AddRange(studied.Select(rule => rules.Contains(rule, StringComparer.Ordinal) ? "✓" : ""));
            cells.Add(string.Join(", ", rules.Where(r => !studied.Contains(r, StringComparer.Ordinal))));
            cells.Add(shape.Case.ToString());
            cells.Add(row?.VerdictText ?? ShapesCsvWriter.CaseNotInRun);
            cells.Add(c is null ? "" : ReportFormat.Per1k(c.ConnectionsPer1k));
            cells.Add(c is null ? "" : $"{ReportFormat.Count(c.Leaked)} → {ReportFormat.Count(c.AfterGc)}");
            cells.Add(c?.Latency?.Median is { } median ? RatioVerdict.Figures(median) : "");
            md.Append("| ").AppendJoin(" | ", cells.Select(cell => cell.Replace("|", "\\|", StringComparison.Ordinal))).Append(" |\n");
        }

        md.Append('\n');
        foreach (var finding in Findings(coverage, rows, runtime))
        {
            md.Append("- ").Append(finding).Append('\n');
        }

        md.Append('\n');
    }

    /// <summary>
    /// The sentences under the table: the costly shapes no rule flags, the flagged shapes whose case costs nothing, and
    /// the shapes with most rules on them. A case "costs" when its verdict is anything but reusing the connection.
    /// </summary>
    public static IReadOnlyList<string> Findings(ShapeCoverage coverage, IReadOnlyList<StudyRow> rows, string runtime)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        ArgumentNullException.ThrowIfNull(rows);
        var measured = coverage.Shapes.Select(shape => (Shape: shape, Rules: coverage.RulesOf(shape), Row: CaseRow(shape, rows, runtime)))
            .Where(s => s.Row is not null).ToList();
        var findings = new List<string>();
        var missed = measured.Where(s => s.Rules.Count == 0 && s.Row!.Verdict != Verdict.ReusesConnection).ToList();
        if (missed.Count > 0)
        {
            findings.Add("**No rule flags " + string.Join("; ", missed.Select(s => $"`{s.Shape.Id}` ({s.Row!.VerdictText})")) + ".**");
        }

        var unflaggedReusing = measured.Where(s => s.Rules.Count == 0 && s.Row!.Verdict == Verdict.ReusesConnection).ToList();
        if (unflaggedReusing.Count > 0)
        {
            findings.Add("No rule flags " + string.Join(", ", unflaggedReusing.Select(s => $"`{s.Shape.Id}`")) +
                         (unflaggedReusing.Count == 1 ? ", and its case reuses the connection." : ", and their cases reuse the connection."));
        }

        var flaggedReusing = measured.Where(s => s.Rules.Count > 0 && s.Row!.Verdict == Verdict.ReusesConnection).ToList();
        if (flaggedReusing.Count > 0)
        {
            findings.Add("Flagged although the case reuses the connection: " +
                         string.Join("; ", flaggedReusing.Select(s => $"`{s.Shape.Id}` ({string.Join(", ", s.Rules)})")) + ".");
        }

        foreach (var rule in ShapeCoverage.StudiedRules)
        {
            var flagged = coverage.Shapes.Where(s => coverage.RulesOf(s).Contains(rule, StringComparer.Ordinal)).Select(s => $"`{s.Id}`").ToList();
            findings.Add(flagged.Count == 0
                ? $"{rule} fired on no shape."
                : $"{rule} fired on {ReportFormat.Count(flagged.Count)} of {ReportFormat.Count(coverage.Shapes.Count)} shapes: {string.Join(", ", flagged)}.");
        }

        return findings;
    }

    // The shape's case on the report's first runtime (the shapes table has one column of costs).
    private static StudyRow? CaseRow(LeakShape shape, IReadOnlyList<StudyRow> rows, string runtime) =>
        rows.FirstOrDefault(r => r.Runtime.Moniker == runtime && shape.Case.Matches(r.Benchmark, r.Method, r.Case));
}
