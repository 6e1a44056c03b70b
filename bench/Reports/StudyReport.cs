namespace LeakBench.Reports;

/// <summary>The names of a run's rendered report files (written by LeakBench.Runs.ReportRenderer).</summary>
public static class StudyReport
{
    public const string MarkdownFile = "report.md";

    public const string CsvFile = "report.csv";
}
