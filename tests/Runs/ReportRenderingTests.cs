using LeakBench.Cli;
using LeakBench.Reports;
using LeakBench.Runs;
using LeakBench.Tests.Reports;
using LeakBench.Tests.Verify;
using LeakBench.Verify;

namespace LeakBench.Tests.Runs;

/// <summary>
/// One pipeline from the raw files to the report: the published reference run renders again with this code (its
/// figures unchanged, its margin-edge ratios printed as today's code prints them), and verify tells a report it would
/// render from one it would not (a changed line: 1; another report format or none: 4).
/// </summary>
public sealed class ReportRenderingTests : IDisposable
{
    private static readonly string Reference = Path.Combine(LeakBench.Processes.Repository.Root(), "results", "2026-12-06-linux-debian-xeon-2-10ghz");

    private readonly string _folder = VerifyRunFolder.Write();

    public void Dispose()
    {
        foreach (var folder in new[] { _folder, _folder + "-copy" }.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_reference_run_renders_its_published_figures_and_the_margin_edge_decimals()
    {
        var rendered = ReportRenderer.Render(RunFolderReader.Read(Reference));

        // report.csv: every published figure, byte for byte.
        Assert.Equal(File.ReadAllText(Path.Combine(Reference, StudyReport.CsvFile)), rendered.Csv);
        // The disposed, unread 1 KiB row: an inconclusive ratio whose bounds straddle 0.95 prints with the decimals
        // that keep each bound on its side of the margin (the report of 2026-12-06 had printed [0.95–0.97]).
        var line = Assert.Single(rendered.Markdown.Split('\n'), l => l.StartsWith("| DisposeDrainBenchmarks.Disposed_Unread | disposed · unread · HeadersRead · 1 KiB |", StringComparison.Ordinal) && l.Contains("inconclusive", StringComparison.Ordinal));
        Assert.Contains("inconclusive ×0.957 [0.947–0.965]", line, StringComparison.Ordinal);
        Assert.EndsWith(RenderStamp.Line + "\n", rendered.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reference_runs_manifest_is_what_the_migration_builds_from_its_old_files()
    {
        var copy = Path.Combine(Path.GetTempPath(), "leakbench-migrate-" + Guid.NewGuid().ToString("N"));
        try
        {
            // What the migration reads: report.csv, BenchmarkDotNet's JSON, the old report.md's environment block, shapes.sarif.
            Directory.CreateDirectory(Path.Combine(copy, "bdn"));
            foreach (var file in BenchmarkDotNetResults.Files(Reference))
            {
                File.Copy(file, Path.Combine(copy, "bdn", Path.GetFileName(file)));
            }

            File.Copy(Path.Combine(Reference, StudyReport.CsvFile), Path.Combine(copy, StudyReport.CsvFile));
            File.Copy(Path.Combine(Reference, LeakBench.Shapes.ShapeCoverage.SarifFile), Path.Combine(copy, LeakBench.Shapes.ShapeCoverage.SarifFile));
            File.WriteAllText(Path.Combine(copy, StudyReport.MarkdownFile), "## Environment\n\n| | |\n|---|---|\n" + string.Join('\n', EnvironmentRows()) + "\n\n"
                + $"Each shape ... compiled with {string.Join(" and ", RunManifest.TryRead(Reference)!.Shapes!.Analyzers)}, CA2000 raised to warning.\n");

            var built = ManifestMigration.Build(copy);
            var kept = RunManifest.TryRead(Reference)!;

            Assert.Equal(kept.Rows, built.Rows);
            Assert.Equal(kept.Environment with { Runtimes = [] }, built.Environment with { Runtimes = [] });
            Assert.Equal(kept.Environment.Runtimes, built.Environment.Runtimes);
            Assert.Equal(kept.Shapes!.Analyzers, built.Shapes!.Analyzers);
            Assert.Equal(123, built.Rows.Count);
            Assert.Equal(0.05, built.Environment.LatencyMargin);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public void A_report_line_changed_is_a_mismatch_named_with_its_line()
    {
        var copy = VerifyRunFolder.Copy(_folder);
        var path = Path.Combine(copy, StudyReport.MarkdownFile);
        var lines = File.ReadAllLines(path);
        var at = Array.FindIndex(lines, l => l.Contains("| slower ", StringComparison.Ordinal) || l.Contains(" slower ×", StringComparison.Ordinal));
        Assert.True(at >= 0, "the sample report has a slower verdict");
        lines[at] = lines[at].Replace("slower", "faster", StringComparison.Ordinal);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");

        var result = RunVerifier.Run(copy);

        Assert.Equal(VerifyResult.Mismatch, result.ExitCode);
        var mismatch = Assert.Single(result.Mismatches);
        Assert.StartsWith($"report.md line {at + 1}: rendered ", mismatch, StringComparison.Ordinal);
        Assert.Contains("faster", mismatch, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("report format 1,", "report format 0,")]
    [InlineData("*Rendered from this folder's raw files", "*Written")]
    public void A_report_of_another_format_or_without_a_stamp_is_stale(string stamp, string replacement)
    {
        var copy = VerifyRunFolder.Copy(_folder);
        var path = Path.Combine(copy, StudyReport.MarkdownFile);
        File.WriteAllText(path, File.ReadAllText(path).Replace(stamp.Replace("1", RenderStamp.Format.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), replacement, StringComparison.Ordinal));

        var result = RunVerifier.Run(copy);

        Assert.Equal(VerifyResult.Stale, result.ExitCode);
        Assert.Empty(result.Mismatches);
        Assert.Contains("./run.sh report", result.StaleReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_renders_into_another_folder_and_leaves_the_raw_files_alone()
    {
        var copy = VerifyRunFolder.Copy(_folder);
        var raw = Directory.GetFiles(copy, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);
        var target = copy + "-rendered";
        using var output = new StringWriter();
        using var error = new StringWriter();
        try
        {
            Assert.Equal(0, ReportCommand.Run(copy, target, output, error));

            Assert.Equal(File.ReadAllText(Path.Combine(copy, StudyReport.MarkdownFile)), File.ReadAllText(Path.Combine(target, StudyReport.MarkdownFile)));
            Assert.Equal(File.ReadAllText(Path.Combine(copy, StudyReport.CsvFile)), File.ReadAllText(Path.Combine(target, StudyReport.CsvFile)));
            Assert.All(raw, f => Assert.Equal(f.Value, File.ReadAllText(f.Key)));
            Assert.True(File.Exists(Path.Combine(target, "charts", "matrix.png")));
        }
        finally
        {
            Directory.Delete(target, recursive: true);
        }
    }

    [Fact]
    public void Report_on_a_folder_that_is_no_run_says_so_and_exits_2()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(2, ReportCommand.Run(Path.Combine(_folder, "no-such-folder"), null, output, error));
        Assert.Contains("no such folder", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, ReportCommand.Run(Path.Combine(_folder, "census"), null, output, error));
        Assert.Contains("neither run.json nor report.csv", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_margin_of_the_manifest_is_the_margin_every_sentence_states()
    {
        var run = RunFolderReader.Read(_folder);
        var wide = run with { Manifest = run.Manifest with { Environment = run.Manifest.Environment with { LatencyMargin = 0.08 } } };

        var five = ReportRenderer.Render(run).Markdown;
        var eight = ReportRenderer.Render(wide with { Rows = [.. wide.Rows.Select(r => r with { Census = r.Census with { Latency = r.Census.Latency! with { Margin = 0.08 } } })] }).Markdown;

        Assert.Contains("±5%", five, StringComparison.Ordinal);
        Assert.DoesNotContain("±5%", eight, StringComparison.Ordinal);
        Assert.Contains("±8%", eight, StringComparison.Ordinal);
    }

    /// <summary>The reference run's environment as its report of 2026-12-06 printed it (the block the migration reads).</summary>
    private static IEnumerable<string> EnvironmentRows()
    {
        var e = RunManifest.TryRead(Reference)!.Environment;
        return new[]
        {
            ("BenchmarkDotNet", e.BenchmarkDotNet), ("OS", e.Os), ("CPU", e.Cpu), ("Cores", e.Cores), ("Runtime", string.Join("; ", e.Runtimes)), ("SDK", e.Sdk),
            ("Job", e.Job), ("Target", e.Target), ("Socket table", e.SocketTable), ("TCP buffers", e.TcpBuffers), ("Date", e.Date), ("Command", $"`{e.CommandLine}`"),
        }.Select(r => $"| {r.Item1} | {r.Item2} |");
    }
}
