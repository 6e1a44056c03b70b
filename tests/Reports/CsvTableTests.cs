using System.Text;
using LeakBench.Reports;

namespace LeakBench.Tests.Reports;

/// <summary>The one CSV reader (CsvHelper's parser) reads back what the one writer (CsvHelper's writer) wrote.</summary>
public sealed class CsvTableTests
{
    [Fact]
    public void Reads_back_what_the_study_writes_quotes_commas_and_line_breaks_included()
    {
        string[][] written = [["benchmark", "failure", "note", ""], ["A", "fails at 3 (Too many, \"open\" files)", "line one\r\nline two", ""]];
        var csv = new StringBuilder();
        foreach (var record in written)
        {
            StudyCsvWriter.AppendRecord(csv, record);
        }

        var table = CsvTable.ParseWellFormed(csv.ToString())!;

        Assert.Equal(written[0], table.Header);
        Assert.Equal(written[1..], table.Records);
        Assert.Equal("line one\r\nline two", table.Field(table.Records[0], "note"));
        Assert.Equal("", table.Field(table.Records[0], "no such column"));
    }

    [Fact]
    public void Line_feeds_alone_end_records_too()
    {
        var table = CsvTable.ParseWellFormed("a,b\n1,\n")!;

        Assert.Equal(["a", "b"], table.Header);
        Assert.Equal([["1", ""]], table.Records);
    }

    [Theory]
    [InlineData("a,\"b\n", 2)]
    [InlineData("a,b\n1,\"x\"y\n", 2)]
    [InlineData("a,b\n1,\"open\n2,3\n", 4)]
    public void A_misplaced_quote_is_an_error_in_one_line_naming_where(string text, int line)
    {
        var error = Assert.Throws<FormatException>(() => CsvTable.ParseWellFormed(text));

        Assert.Equal($"a misplaced or unclosed quote in the record read up to line {line}", error.Message);
        Assert.NotNull(CsvTable.Parse(text)); // the lenient read takes it as it stands
    }

    [Fact]
    public void Text_without_a_header_is_no_table()
    {
        Assert.Null(CsvTable.ParseWellFormed(""));
        Assert.Null(CsvTable.Read(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".csv")));
    }
}
