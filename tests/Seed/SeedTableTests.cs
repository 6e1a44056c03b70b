using LeakBench.Reports;
using LeakBench.Seed;

namespace LeakBench.Tests.Seed;

/// <summary>The table, CSV and JSON of a seed run, against hand-built rows.</summary>
public sealed class SeedTableTests
{
    [Fact]
    public void Markdown_table_matches_the_expected_file()
    {
        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Seed", "Samples", "seed-table-article.md"));

        Assert.Equal(expected, SeedTable.ToMarkdown(SeedSamples.Article()));
    }

    [Fact]
    public void Markdown_table_without_go_says_go_not_installed_in_both_Go_columns()
    {
        var table = SeedTable.ToMarkdown(SeedSamples.Article(goVersion: null));
        var firstRow = table.Split('\n')[2].Split('|', StringSplitOptions.TrimEntries);

        Assert.Equal("testFun1", firstRow[1]);
        Assert.Equal("go not installed", firstRow[5]);
        Assert.Equal("go not installed", firstRow[6]);
        Assert.Equal("5", firstRow[7]);
    }

    [Fact]
    public void Markdown_document_has_the_table_the_legend_and_the_derived_paragraph()
    {
        var result = SeedSamples.Article();
        var md = SeedMarkdown.Write(result);

        Assert.StartsWith("# " + SeedMarkdown.Title, md, StringComparison.Ordinal);
        Assert.Contains("Go: go1.19.8. .NET: .NET 10.0.0.", md, StringComparison.Ordinal);
        Assert.Contains(SeedTable.ToMarkdown(result), md, StringComparison.Ordinal);
        Assert.Contains(SeedTable.Legend, md, StringComparison.Ordinal);
        Assert.Contains("## What this shows\n\n" + SeedFindings.Paragraph(result), md, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_has_the_header_with_units_and_one_invariant_line_per_row()
    {
        var csv = SeedCsv.Write(SeedSamples.Article());
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        // RFC 4180, as report.csv: every record ends with CRLF, and there is no bare LF.
        Assert.EndsWith("\r\n", csv, StringComparison.Ordinal);
        Assert.Equal(csv.Count(c => c == '\n'), csv.Split("\r\n").Length - 1);

        var table = CsvTable.Parse(csv)!;
        Assert.Equal(SeedCsv.Header, table.Header);
        Assert.Equal(8, table.Records.Count);
        Assert.All(table.Records, r => Assert.Equal(SeedCsv.Header.Count, r.Length));
        Assert.Equal("testFun1,false,false,1024,go1.19.8,11,5,5,0,13,0,1,1,13,0,.NET 10.0.0", lines[1]);
        Assert.Equal("testFun2,true,false,2097152,go1.19.8,1,0,0,0,13,0,1,1,13,0,.NET 10.0.0", lines[6]);
    }

    [Fact]
    public void Csv_without_go_leaves_the_Go_numbers_empty_and_says_why()
    {
        var line = SeedCsv.Write(SeedSamples.Article(goVersion: null)).Split("\r\n")[1];

        Assert.Equal("testFun1,false,false,1024,go not installed,,,5,0,13,0,1,1,13,0,.NET 10.0.0", line);
    }

    [Fact]
    public void Json_round_trips_the_rows_and_carries_the_paragraph()
    {
        var result = SeedSamples.Article();
        var doc = SeedJson.Read(SeedJson.Write(result));

        Assert.NotNull(doc);
        Assert.Equal("go1.19.8", doc.GoVersion);
        Assert.Equal(8, doc.Rows.Count);
        var first = doc.Rows[0];
        Assert.Equal(("testFun1", 1024, 11, 5), (first.Test, first.BodyBytes, first.Go!.Goroutines, first.Go.Connections));
        Assert.Equal((5, 0, HttpCompletionOption.ResponseHeadersRead), (first.DotnetHeadersRead.ConnectionsBeforeGc, first.DotnetHeadersRead.ConnectionsAfterGc, first.DotnetHeadersRead.Completion));
        Assert.Equal([11, 11, 13, 13], doc.GoArticleMainInOneProcess!.Goroutines);
        Assert.Equal(SeedFindings.Describe(result), doc.WhatThisShows);
    }

    [Theory]
    [InlineData(1024, "1 KiB")]
    [InlineData(2097152, "2 MiB")]
    [InlineData(1000, "1000 B")]
    public void Body_sizes_print_in_binary_units_as_in_the_study_report(int bytes, string expected)
    {
        var result = SeedSamples.Result([new(1, bytes, 11, 5, 5, 0, 13, 1, 1, 13)]);

        Assert.Equal(expected, SeedTable.Cells(result)[0][3]);
        Assert.Equal(ReportFormat.Size(bytes), SeedTable.Cells(result)[0][3]);
    }
}
