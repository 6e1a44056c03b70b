namespace LeakBench.Reports;

/// <summary>Writes one run's report folder: report.md, report.csv, aa.csv (when baselines were paired) and the charts.</summary>
public static class StudyReport
{
    public const string MarkdownFile = "report.md";

    public const string CsvFile = "report.csv";

    /// <summary>The seed command's section, read from the run folder when the seed ran in the same run.</summary>
    public const string SeedFile = "seed.md";

    /// <summary>
    /// Writes report.md, report.csv and charts/ into <paramref name="folder"/> (created if missing) and returns the
    /// path of report.md. The seed section is <paramref name="seedMarkdown"/>, or seed.md of the folder when null and present.
    /// </summary>
    public static string Write(
        string folder,
        StudyEnvironment environment,
        IReadOnlyList<StudyRow> rows,
        string? seedMarkdown = null,
        string? baselineRuntime = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Directory.CreateDirectory(folder);
        var seedPath = Path.Combine(folder, SeedFile);
        seedMarkdown ??= File.Exists(seedPath) ? File.ReadAllText(seedPath) : null;

        // The markdown validates the rows (none, duplicates, zero successes) before any file is written; the chart
        // names are a function of the rows, so the report is written once and the charts drawn after it.
        var markdown = StudyReportWriter.Write(environment, rows, StudyCharts.Plan(rows, baselineRuntime), seedMarkdown, baselineRuntime);
        StudyCharts.Render(folder, rows, baselineRuntime);

        var markdownPath = Path.Combine(folder, MarkdownFile);
        File.WriteAllText(markdownPath, markdown);
        File.WriteAllText(Path.Combine(folder, CsvFile), StudyCsvWriter.Write(rows));
        if (AaCheck.Rows(rows).Count > 0)
        {
            File.WriteAllText(Path.Combine(folder, AaCheck.CsvFile), AaCheck.Csv(rows));
        }

        return markdownPath;
    }
}
