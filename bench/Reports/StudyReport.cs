using LeakBench.Seed;

namespace LeakBench.Reports;

/// <summary>Writes one run's report folder: report.md, report.csv and the charts.</summary>
public static class StudyReport
{
    public const string MarkdownFile = "report.md";

    public const string CsvFile = "report.csv";

    /// <summary>
    /// Writes report.md, report.csv and charts/ into <paramref name="folder"/> (created if missing) and returns the
    /// path of report.md. The seed section is <paramref name="seed"/>'s, when the seed ran in the same run.
    /// </summary>
    public static string Write(
        string folder,
        StudyEnvironment environment,
        IReadOnlyList<StudyRow> rows,
        SeedResult? seed = null,
        string? baselineRuntime = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Directory.CreateDirectory(folder);

        // Rendered once: the chart paths are a function of the rows. The markdown validates the rows
        // (none, duplicates, zero successes) before any file is written.
        var markdown = StudyReportWriter.Write(environment, rows, StudyCharts.Plan(rows), seed, baselineRuntime);
        StudyCharts.Render(folder, rows);

        var markdownPath = Path.Combine(folder, MarkdownFile);
        File.WriteAllText(markdownPath, markdown);
        File.WriteAllText(Path.Combine(folder, CsvFile), StudyCsvWriter.Write(rows));
        return markdownPath;
    }
}
