namespace LeakBench.Reports;

/// <summary>Writes one run's report folder: report.md, report.csv and the charts.</summary>
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

        // Rendered once: the chart paths are a function of the rows. The markdown validates the rows
        // (none, duplicates, zero successes) before any file is written.
        var markdown = StudyReportWriter.Write(environment, rows, StudyCharts.Plan(rows), seedMarkdown, baselineRuntime);
        StudyCharts.Render(folder, rows);

        var markdownPath = Path.Combine(folder, MarkdownFile);
        File.WriteAllText(markdownPath, markdown);
        File.WriteAllText(Path.Combine(folder, CsvFile), StudyCsvWriter.Write(rows));
        return markdownPath;
    }
}
