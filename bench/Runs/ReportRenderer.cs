using LeakBench.Reports;
using LeakBench.RuntimePairing;

namespace LeakBench.Runs;

/// <summary>A report rendered in memory: every rendered file's text, the rows it was rendered from and its charts (not yet drawn).</summary>
public sealed record RenderedReport(string Markdown, string Csv, string AaCsv, string PairsCsv, string? ShapesCsv, IReadOnlyList<StudyRow> Rows, IReadOnlyList<ChartFile> Charts);

/// <summary>
/// Renders a run folder's report from its raw files (<see cref="RunData"/>): report.md, report.csv, aa.csv, pairs.csv,
/// shapes.csv and the charts. The study ends by calling it on its own folder, <c>report</c> calls it on any run folder,
/// and <c>verify</c> renders in memory to compare: one renderer, so the three cannot say different things.
/// </summary>
public static class ReportRenderer
{
    /// <summary>The rendered files, in memory; nothing is written and no chart is drawn.</summary>
    /// <exception cref="RunFolderException">The run has nothing to report (no row, or a row without a successful request).</exception>
    public static RenderedReport Render(RunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var manifest = run.Manifest;
        var environment = manifest.Environment;
        var rows = RuntimePairStudy.Attach(run.Rows, run.RuntimePairs);
        IReadOnlyList<ChartFile> charts;
        string markdown;
        try
        {
            charts = StudyCharts.Plan(rows, manifest.BaselineRuntime);
            markdown = StudyReportWriter.Write(environment, rows, charts, run.Seed, manifest.BaselineRuntime, run.Shapes)
                + RuntimePairingSection.Markdown(run.RuntimePairs, environment.LatencyMargin);
        }
        catch (ArgumentException e)
        {
            throw new RunFolderException($"{run.Folder} has nothing to report: {e.Message}");
        }

        if (manifest.Interrupted is { } banner)
        {
            markdown = $"> **{banner}** (Ctrl+C). The rows below are the cases that finished; this run is not published.\n\n" + markdown;
        }

        markdown = markdown.TrimEnd('\n') + "\n\n" + RenderStamp.Line + "\n";
        return new RenderedReport(
            markdown,
            StudyCsvWriter.Write(rows, environment.LatencyMargin),
            AaCheck.Csv(rows),
            PairsCsv.Write(rows),
            run.Shapes is { } shapes ? ShapesCsvWriter.Write(shapes, rows) : null,
            rows,
            charts);
    }

    /// <summary>Renders <paramref name="run"/> into <paramref name="folder"/> (created if missing), charts drawn; returns report.md's path.</summary>
    public static string Write(RunData run, string folder)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var rendered = Render(run);
        Directory.CreateDirectory(folder);
        StudyCharts.Render(folder, rendered.Rows, run.Manifest.BaselineRuntime);
        var markdownPath = Path.Combine(folder, StudyReport.MarkdownFile);
        File.WriteAllText(markdownPath, rendered.Markdown);
        File.WriteAllText(Path.Combine(folder, StudyReport.CsvFile), rendered.Csv);
        // Always written, the header alone when nothing was paired: a run without them is an older run (verify says so).
        File.WriteAllText(Path.Combine(folder, AaCheck.CsvFile), rendered.AaCsv);
        File.WriteAllText(Path.Combine(folder, PairsCsv.File), rendered.PairsCsv);
        if (rendered.ShapesCsv is { } shapes)
        {
            File.WriteAllText(Path.Combine(folder, ShapesCsvWriter.CsvFile), shapes);
        }

        return markdownPath;
    }
}
