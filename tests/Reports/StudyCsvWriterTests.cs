using System.Globalization;
using System.Text;
using LeakBench.Reports;

namespace LeakBench.Tests.Reports;

/// <summary>report.csv against its expected file, and read back by the study's CSV reader; fields quoted as RFC 4180 needs.</summary>
public sealed class StudyCsvWriterTests
{
    [Fact]
    public void Csv_equals_the_expected_file_under_a_german_culture()
    {
        using var culture = CultureScope.German();

        // The culture is real (ICU present): it would write a decimal comma.
        Assert.Equal("1234,5", 1234.5.ToString(CultureInfo.CurrentCulture));
        Assert.Equal(ReportSamples.Expected("expected-report.csv"), StudyCsvWriter.Write(ReportSamples.Rows));
    }

    [Fact]
    public void Every_record_has_every_column_and_numbers_round_trip()
    {
        var awkward = ReportSamples.Leaking with { P95Ns = 0.1 + 0.2, AllocatedBytesPerRequest = 1.0 / 3 };
        string csv;
        using (CultureScope.German())
        {
            csv = StudyCsvWriter.Write([ReportSamples.Baseline, awkward, ReportSamples.Closing]);
        }

        var table = CsvTable.ParseWellFormed(csv)!;
        string Cell(int record, string column) => table.Field(table.Records[record], column);

        // RFC 4180's line ends: four records, each ending with CRLF, and no bare LF (no field here holds a line break).
        Assert.EndsWith("\r\n", csv, StringComparison.Ordinal);
        Assert.Equal(4, csv.Split("\r\n").Length - 1);
        Assert.Equal(4, csv.Count(c => c == '\n'));
        Assert.Equal(3, table.Records.Count);
        Assert.All(table.Records, r => Assert.Equal(StudyCsvWriter.Columns.Count, r.Length));
        Assert.Equal(StudyCsvWriter.Columns, table.Header);
        Assert.Equal(0.1 + 0.2, double.Parse(Cell(1, "p95_ns"), CultureInfo.InvariantCulture));
        Assert.Equal(1.0 / 3, double.Parse(Cell(1, "alloc_bytes_per_req"), CultureInfo.InvariantCulture));
        Assert.Equal(1234567.8, double.Parse(Cell(2, "mean_ns"), CultureInfo.InvariantCulture));
        Assert.Equal(2097152, long.Parse(Cell(2, "body_bytes"), CultureInfo.InvariantCulture));
        Assert.Equal("", Cell(2, "gen0_per_1k_req"));
        Assert.Equal("leaks until GC", Cell(1, "verdict"));
        Assert.Equal("telemetry saw 2 open connections, the OS table 1 (\"idle\" | active)", Cell(2, "disagreements"));
    }

    [Fact]
    public void Header_names_carry_their_units()
    {
        Assert.Contains("p95_ns", StudyCsvWriter.Columns);
        Assert.Contains("alloc_bytes_per_req", StudyCsvWriter.Columns);
        Assert.Contains("conn_per_1k", StudyCsvWriter.Columns);
        Assert.Equal(StudyCsvWriter.Columns.Count, StudyCsvWriter.Columns.Distinct().Count());
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("carriage\rreturn", "\"carriage\rreturn\"")]
    // CsvHelper alone would quote these; the study's files never did, and published files keep their bytes.
    [InlineData(" padded ", " padded ")]
    [InlineData("=1+2", "=1+2")]
    [InlineData("", "")]
    public void Fields_are_quoted_only_where_RFC_4180_needs_it(string value, string expected)
    {
        var csv = new StringBuilder();
        StudyCsvWriter.AppendRecord(csv, [value, "next"]);

        Assert.Equal(expected + ",next" + StudyCsvWriter.LineEnd, csv.ToString());
    }

    [Fact]
    public void A_record_without_fields_is_an_empty_line()
    {
        var csv = new StringBuilder("a\r\n");
        StudyCsvWriter.AppendRecord(csv, []);

        Assert.Equal("a\r\n\r\n", csv.ToString());
    }
}
