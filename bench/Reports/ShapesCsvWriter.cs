using System.Text;
using LeakBench.Shapes;

namespace LeakBench.Reports;

/// <summary>
/// Writes shapes.csv: per leak shape (and per runtime its case ran on), the analyzer rules that fired on it and its
/// study case's verdict and numbers from this run's rows. When the shapes were not analysed, every rule column is
/// empty and <c>analysis</c> says why ("not run: ..."). Same conventions as report.csv (<see cref="StudyCsvWriter"/>).
/// </summary>
public static class ShapesCsvWriter
{
    public const string CsvFile = "shapes.csv";

    /// <summary>What the verdict column says for a shape whose case this run did not measure (e.g. a --filter left it out).</summary>
    public const string CaseNotInRun = "case not in this run";

    /// <summary>The header, in column order: one column per studied rule, in lower case.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "shape", "snippet", "description", "study_case", "runtime_moniker", "analysis", "rules_fired",
        .. ShapeCoverage.StudiedRules.Select(rule => rule.ToLowerInvariant()),
        "flagged", "verdict", "conn_per_1k", "leaked_established", "after_gc_established", "latency_ratio", "alloc_bytes_per_req",
    ];

    public static string Write(ShapeCoverage coverage, IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        ArgumentNullException.ThrowIfNull(rows);
        var csv = new StringBuilder();
        StudyCsvWriter.AppendRecord(csv, Columns);
        if (coverage.Shapes.Count == 0)
        {
            // Not even the shapes could be read: one line that says why, so the file is never silently empty.
            StudyCsvWriter.AppendRecord(csv, [.. Columns.Select(c => c == "analysis" ? "not run: " + coverage.NotRun : "")]);
            return csv.ToString();
        }

        foreach (var shape in coverage.Shapes)
        {
            // One line per runtime the case ran on; one line without figures when this run did not measure it.
            var matching = rows.Where(r => shape.Case.Matches(r.Benchmark, r.Method, r.Case)).ToList();
            foreach (var row in matching.Count == 0 ? [null] : matching.Cast<StudyRow?>())
            {
                AppendRecord(csv, shape, row, coverage);
            }
        }

        return csv.ToString();
    }

    private static void AppendRecord(StringBuilder csv, LeakShape shape, StudyRow? row, ShapeCoverage coverage)
    {
        var ran = coverage.NotRun is null;
        var rules = coverage.RulesOf(shape);
        var c = row?.Census;
        StudyCsvWriter.AppendRecord(csv,
        [
            shape.Id, $"tests/LeakShapes/Shapes/{shape.Id}.cs", shape.Description, shape.Case.ToString(), row?.Runtime.Moniker ?? "",
            ran ? "ran" : "not run: " + coverage.NotRun,
            ran ? string.Join("; ", rules) : "",
            .. ShapeCoverage.StudiedRules.Select(rule => ran ? Bool(rules.Contains(rule, StringComparer.Ordinal)) : ""),
            ran ? Bool(rules.Count > 0) : "",
            row?.VerdictText ?? CaseNotInRun,
            c is null ? "" : ReportFormat.Raw(c.ConnectionsPer1k),
            c is null ? "" : ReportFormat.Count(c.Leaked),
            c is null ? "" : ReportFormat.Count(c.AfterGc),
            c?.Latency?.Median?.Ratio is { } ratio ? ReportFormat.Raw(ratio) : "",
            row?.AllocatedBytesPerRequest is { } alloc ? ReportFormat.Raw(alloc) : "",
        ]);
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
