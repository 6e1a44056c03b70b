using System.Text;
using LeakBench.Cli;
using LeakBench.Reports;
using LeakBench.Tests.Reports;
using LeakBench.Verify;

namespace LeakBench.Tests.Verify;

/// <summary>
/// verify recomputes a run's figures from its raw files: a run written by the study's writers verifies; one number
/// changed in a copy's raw or reported files is named with its row; a run without raw data says what it could not check.
/// </summary>
public sealed class RunVerifierTests : IDisposable
{
    private readonly string _folder = VerifyRunFolder.Write();

    public void Dispose()
    {
        foreach (var folder in new[] { _folder, _folder + "-copy" }.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_run_written_by_the_study_verifies()
    {
        var result = RunVerifier.Run(_folder);

        Assert.Empty(result.Mismatches);
        Assert.Empty(result.Unchecked);
        Assert.Equal(VerifyResult.Verified, result.ExitCode);
        Assert.Equal(5, result.Rows);
        // Per row: six ratio cells, the socket verdict, four group cells, nine socket counts; per pair four cells
        // against the census; per A/A row five cells of aa.csv; then every line of report.md but its stamp and every
        // cell of report.csv against the rendering.
        Assert.Equal((5 * (6 + 1 + 4 + 9)) + (5 * 8 * 4) + (2 * 5) + RenderedChecks(_folder), result.Checked);
    }

    [Fact]
    public void One_block_latency_changed_in_pairs_csv_is_named_with_its_row()
    {
        var copy = VerifyRunFolder.Copy(_folder);
        var path = Path.Combine(copy, PairsCsv.File);
        // The leak's first pair (report.csv row 4): its case block median three times what was measured.
        EditCsv(path, (table, records) =>
        {
            var first = records.First(r => r.Any(f => f.Contains("undisposed · unread · HeadersRead", StringComparison.Ordinal)));
            Scale(table, first, "case_median_us", 3);
        });

        var result = RunVerifier.Run(copy);

        Assert.Equal(VerifyResult.Mismatch, result.ExitCode);
        Assert.Contains(result.Mismatches, m => m.StartsWith("report.csv row 4 (DisposeDrainBenchmarks.Get · undisposed · unread · HeadersRead · 1 KiB", StringComparison.Ordinal)
            && m.Contains(": latency_ratio_hi recomputed ", StringComparison.Ordinal));
        Assert.Contains(result.Mismatches, m => m.StartsWith("pairs.csv pair 0 of report.csv row 4 ", StringComparison.Ordinal) && m.Contains("case_median_us census file census-3.json", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Mismatches, m => m.Contains("row 1 ", StringComparison.Ordinal) || m.Contains("row 2 ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("latency_verdict", "slower", "faster")]
    [InlineData("latency_ratio", null, "2.5")]
    [InlineData("latency_margin", null, "0.5")]
    [InlineData("leaked_established", "998", "0")]
    public void One_reported_figure_changed_in_report_csv_is_named_with_row_and_column(string column, string? only, string replacement)
    {
        var copy = VerifyRunFolder.Copy(_folder);
        var path = Path.Combine(copy, StudyReport.CsvFile);
        var found = "";
        EditCsv(path, (table, records) =>
        {
            var at = table.Header.ToList().IndexOf(column);
            found = records[3][at];
            Assert.True(only is null || found == only, found);
            records[3][at] = replacement;
        });

        var result = RunVerifier.Run(copy);

        Assert.Equal(VerifyResult.Mismatch, result.ExitCode);
        // Named twice: recomputed from the raw files, and against the report rendered from them.
        Assert.Equal(2, result.Mismatches.Count);
        var rendered = Assert.Single(result.Mismatches, m => m.StartsWith($"report.csv row 4: {column} rendered ", StringComparison.Ordinal));
        Assert.EndsWith($"found {replacement}", rendered, StringComparison.Ordinal);
        var mismatch = Assert.Single(result.Mismatches, m => m != rendered);
        Assert.StartsWith("report.csv row 4 (", mismatch, StringComparison.Ordinal);
        Assert.Contains($": {column} recomputed ", mismatch, StringComparison.Ordinal);
        Assert.Contains(found, mismatch, StringComparison.Ordinal);
        Assert.EndsWith(replacement + (column == "latency_verdict" ? "\"" : ""), mismatch, StringComparison.Ordinal);
    }

    [Fact]
    public void A_socket_verdict_that_its_census_does_not_give_is_a_mismatch()
    {
        var copy = VerifyRunFolder.Copy(_folder);
        var path = Path.Combine(copy, StudyReport.CsvFile);
        var leak = ReportSamples.Leaking.VerdictText;
        EditCsv(path, (table, records) =>
        {
            var at = table.Header.ToList().IndexOf("verdict");
            foreach (var record in records.Where(r => r[at] == leak))
            {
                record[at] = ReportSamples.Reused.VerdictText;
            }
        });

        var result = RunVerifier.Run(copy);

        Assert.Equal(VerifyResult.Mismatch, result.ExitCode);
        Assert.Contains(result.Mismatches, m => m.StartsWith("report.csv row 4 (", StringComparison.Ordinal) && m.Contains(": verdict recomputed \"" + leak, StringComparison.Ordinal));
    }

    [Fact]
    public void A_run_without_pairs_says_what_it_could_not_check()
    {
        var copy = VerifyRunFolder.Copy(_folder);
        File.Delete(Path.Combine(copy, PairsCsv.File));

        var result = RunVerifier.Run(copy);

        Assert.Equal(VerifyResult.Incomplete, result.ExitCode);
        Assert.Empty(result.Mismatches);
        Assert.Contains(result.Unchecked, u => u.Contains("the latency ratios and bounds of 5 row(s): the run has no pairs.csv", StringComparison.Ordinal));
        Assert.True(result.Checked >= 5, "the socket verdicts are still checked");
    }

    [Fact]
    public void A_runtime_pairing_verifies_and_a_changed_block_is_named_with_its_row()
    {
        var folder = VerifyRunFolder.WriteWithRuntimePairs();
        try
        {
            var clean = RunVerifier.Run(folder);
            Assert.Empty(clean.Mismatches);
            Assert.Empty(clean.Unchecked);
            // Six runtime_* cells for each of the five rows on top of the run's other figures.
            Assert.Equal(RunVerifier.Run(_folder).Checked - RenderedChecks(_folder) + (5 * 6) + RenderedChecks(folder), clean.Checked);
            var ratio = CsvTable.Read(Path.Combine(folder, StudyReport.CsvFile))!;
            var cells = ratio.Records.Select(r => ratio.Field(r, "runtime_ratio")).ToList();
            Assert.Equal([true, true, true, false, true], cells.Select(c => c.Length == 0));
            Assert.InRange(double.Parse(cells[3], System.Globalization.CultureInfo.InvariantCulture), 0.85, 0.95);

            // The .NET 10 block medians of the second process pair twice what was measured (its log ratio moves by ln 2).
            var path = Path.Combine(folder, LeakBench.RuntimePairing.RuntimePairsCsv.FileName);
            EditCsv(path, (table, records) =>
            {
                foreach (var record in records.Where(r => table.Field(r, "process_pair") == "1"))
                {
                    Scale(table, record, "runtime_median_us", 2);
                }
            });

            var changed = RunVerifier.Run(folder);
            Assert.Equal(VerifyResult.Mismatch, changed.ExitCode);
            Assert.Contains(changed.Mismatches, m => m.StartsWith("report.csv row 4 (", StringComparison.Ordinal) && m.Contains(": runtime_ratio recomputed ", StringComparison.Ordinal));
            Assert.DoesNotContain(changed.Mismatches, m => m.Contains("row 1 ", StringComparison.Ordinal));

            File.Delete(path);
            var missing = RunVerifier.Run(folder);
            Assert.Equal(VerifyResult.Incomplete, missing.ExitCode);
            Assert.Contains(missing.Unchecked, u => u.Contains("the cross-runtime ratios of 1 row(s): the run has no runtime_pairs.csv", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_folder_without_a_report_is_not_a_run()
    {
        var copy = VerifyRunFolder.Copy(_folder);
        File.Delete(Path.Combine(copy, StudyReport.CsvFile));

        Assert.Equal(VerifyResult.NotARun, RunVerifier.Run(copy).ExitCode);
        Assert.Equal(VerifyResult.NotARun, RunVerifier.Run(Path.Combine(copy, "no-such-folder")).ExitCode);
    }

    [Fact]
    [Trait("Category", "Slow")] // recomputes every published run: 153 s of the fast tier's 3 min 47 s on a busy 2-core machine
    public void Every_published_run_verifies_or_says_what_it_lacks()
    {
        var results = Path.Combine(LeakBench.Processes.Repository.Root(), "results");
        var runs = Directory.GetDirectories(results);

        Assert.NotEmpty(runs);
        foreach (var run in runs)
        {
            var result = RunVerifier.Run(run);
            Assert.True(result.ExitCode is VerifyResult.Verified or VerifyResult.Incomplete, $"{run}: exit {result.ExitCode}: {result.NotARunReason}{string.Join("; ", result.Mismatches.Take(5))}");
        }
    }

    [Fact]
    public void What_publish_copies_verifies_as_the_run_does()
    {
        var results = _folder + "-copy";
        var published = Publisher.Publish(_folder, results, new DateTime(2026, 12, 3, 0, 0, 0, DateTimeKind.Utc), "Linux", "AMD EPYC 7B13, 1 CPU");

        Assert.True(File.Exists(Path.Combine(published, PairsCsv.File)));
        Assert.True(File.Exists(Path.Combine(published, AaCheck.CsvFile)));
        var result = RunVerifier.Run(published);
        Assert.Equal(VerifyResult.Verified, result.ExitCode);
        Assert.Equal(RunVerifier.Run(_folder).Checked, result.Checked);
    }

    [Fact]
    public void The_command_line_takes_verify_and_its_folder()
    {
        var options = StudyOptions.Parse(["verify", "results/some-run"]);

        Assert.Null(options.Error);
        Assert.Equal("verify", options.Command);
        Assert.Equal("results/some-run", options.VerifyFolder);
        Assert.NotNull(StudyOptions.Parse(["verify"]).Error);
        Assert.NotNull(StudyOptions.Parse(["verify", "a", "--full"]).Error);
    }

    [Fact]
    public void The_command_prints_each_mismatch_and_exits_with_its_code()
    {
        using var output = new StringWriter();

        Assert.Equal(VerifyResult.Verified, VerifyCommand.Run(_folder, output));
        Assert.Contains("everything checked matches", output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>What verify compares against the rendering: report.md's lines (its stamp aside) and report.csv's cells.</summary>
    private static int RenderedChecks(string folder)
    {
        var csv = CsvTable.Read(Path.Combine(folder, StudyReport.CsvFile))!;
        return File.ReadAllText(Path.Combine(folder, StudyReport.MarkdownFile)).Split('\n').Length - 1 + (csv.Records.Count * csv.Header.Count);
    }

    /// <summary>Reads a CSV file of the run, lets <paramref name="edit"/> change its records, and writes it back as the study writes CSV.</summary>
    private static void EditCsv(string path, Action<CsvTable, IReadOnlyList<string[]>> edit)
    {
        var table = CsvTable.ReadWellFormed(path)!;
        edit(table, table.Records);
        var csv = new StringBuilder();
        StudyCsvWriter.AppendRecord(csv, table.Header);
        foreach (var record in table.Records)
        {
            StudyCsvWriter.AppendRecord(csv, record);
        }

        File.WriteAllText(path, csv.ToString());
    }

    /// <summary>Multiplies a number of <paramref name="record"/> by <paramref name="factor"/>, written as the study writes numbers.</summary>
    private static void Scale(CsvTable table, string[] record, string column, double factor)
    {
        var at = table.Header.ToList().IndexOf(column);
        record[at] = ReportFormat.Raw(double.Parse(record[at], System.Globalization.CultureInfo.InvariantCulture) * factor);
    }
}
