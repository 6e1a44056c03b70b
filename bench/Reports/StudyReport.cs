using LeakBench.Seed;

namespace LeakBench.Reports;

/// <summary>Writes one run's report folder: report.md, report.csv, the raw aa.csv and pairs.csv, and the charts.</summary>
public static class StudyReport
{
    public const string MarkdownFile = "report.md";

    public const string CsvFile = "report.csv";

    /// <summary>
    /// Writes report.md, report.csv and charts/ into <paramref name="folder"/> (created if missing) and returns the
    /// path of report.md. The seed section is <paramref name="seed"/>'s, when the seed ran in the same run; shapes.csv and
    /// the analyzer section are <paramref name="shapes"/>'s, when the run compiled the leak shapes.
    /// </summary>
    public static string Write(
        string folder,
        StudyEnvironment environment,
        IReadOnlyList<StudyRow> rows,
        SeedResult? seed = null,
        string? baselineRuntime = null,
        Shapes.ShapeCoverage? shapes = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Directory.CreateDirectory(folder);

        // The markdown validates the rows (none, duplicates, zero successes) before any file is written; the chart
        // names are a function of the rows, so the report is written once and the charts drawn after it.
        var markdown = StudyReportWriter.Write(environment, rows, StudyCharts.Plan(rows, baselineRuntime), seed, baselineRuntime, shapes);
        StudyCharts.Render(folder, rows, baselineRuntime);

        var markdownPath = Path.Combine(folder, MarkdownFile);
        File.WriteAllText(markdownPath, markdown);
        File.WriteAllText(Path.Combine(folder, CsvFile), StudyCsvWriter.Write(rows, environment.LatencyMargin));
        // Always written, the header alone when nothing was paired: a run without them is an older run (verify says so).
        File.WriteAllText(Path.Combine(folder, AaCheck.CsvFile), AaCheck.Csv(rows));
        File.WriteAllText(Path.Combine(folder, PairsCsv.File), PairsCsv.Write(rows));
        if (shapes is not null)
        {
            File.WriteAllText(Path.Combine(folder, ShapesCsvWriter.CsvFile), ShapesCsvWriter.Write(shapes, rows));
        }

        return markdownPath;
    }
}
