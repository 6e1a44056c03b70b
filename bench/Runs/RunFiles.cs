using LeakBench.Reports;
using LeakBench.RuntimePairing;
using LeakBench.Seed;
using LeakBench.Shapes;

namespace LeakBench.Runs;

/// <summary>The one list of a run folder's files that a publication keeps: raw files a report is rendered from, and the rendered files.</summary>
public static class RunFiles
{
    /// <summary>Raw files: never changed once written (census/ and BenchmarkDotNet's exports are folders beside them).</summary>
    public static IReadOnlyList<string> Raw { get; } =
        [RunManifest.FileName, ShapeCoverage.SarifFile, RuntimeComparisonsFile.FileName, RuntimePairsCsv.FileName, SeedFiles.Json, SeedFiles.Markdown, SeedFiles.Csv];

    /// <summary>Rendered files: <c>report</c> renders them again from the raw files (the charts are a folder beside them).</summary>
    public static IReadOnlyList<string> Rendered { get; } =
        [StudyReport.MarkdownFile, StudyReport.CsvFile, AaCheck.CsvFile, PairsCsv.File, ShapesCsvWriter.CsvFile];

    /// <summary>Every file a publication copies, when the run has it.</summary>
    public static IEnumerable<string> Published => Rendered.Concat(Raw);
}
