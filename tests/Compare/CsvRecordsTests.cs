using System.Text;
using LeakBench.Compare;
using LeakBench.Reports;

namespace LeakBench.Tests.Compare;

public sealed class CsvRecordsTests
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

        Assert.Equal(written, CsvRecords.Parse(csv.ToString()).Select(r => r.ToArray()).ToArray());
    }

    [Fact]
    public void Line_feeds_alone_end_records_too_and_an_open_quote_is_an_error()
    {
        Assert.Equal([["a", "b"], ["1", ""]], CsvRecords.Parse("a,b\n1,\n").Select(r => r.ToArray()).ToArray());
        Assert.Throws<FormatException>(() => CsvRecords.Parse("a,\"b\n"));
    }
}
