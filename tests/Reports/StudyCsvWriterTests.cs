using System.Globalization;
using System.Text;
using LeakBench.Reports;

namespace LeakBench.Tests.Reports;

/// <summary>report.csv against its expected file, and read back by an RFC 4180 parser.</summary>
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

        var records = Parse(csv);

        Assert.Equal(4, records.Count);
        Assert.All(records, r => Assert.Equal(StudyCsvWriter.Columns.Count, r.Count));
        Assert.Equal(StudyCsvWriter.Columns, records[0]);
        var column = StudyCsvWriter.Columns.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i);
        Assert.Equal(0.1 + 0.2, double.Parse(records[2][column["p95_ns"]], CultureInfo.InvariantCulture));
        Assert.Equal(1.0 / 3, double.Parse(records[2][column["alloc_bytes_per_req"]], CultureInfo.InvariantCulture));
        Assert.Equal(1234567.8, double.Parse(records[3][column["mean_ns"]], CultureInfo.InvariantCulture));
        Assert.Equal(2097152, long.Parse(records[3][column["body_bytes"]], CultureInfo.InvariantCulture));
        Assert.Equal("", records[3][column["gen0_per_1k_req"]]);
        Assert.Equal("leaks until GC", records[2][column["verdict"]]);
        Assert.Equal("telemetry saw 2 open connections, the OS table 1 (\"idle\" | active)", records[3][column["disagreements"]]);
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
    public void Fields_are_quoted_as_RFC_4180_says(string value, string expected) =>
        Assert.Equal(expected, StudyCsvWriter.Field(value));

    /// <summary>A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes.</summary>
    private static List<List<string>> Parse(string csv)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < csv.Length)
        {
            if (csv[i] == '"' && field.Length == 0)
            {
                i++;
                while (true)
                {
                    Assert.True(i < csv.Length, "unterminated quoted field");
                    if (csv[i] == '"')
                    {
                        if (i + 1 < csv.Length && csv[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(csv[i++]);
                }

                Assert.True(i == csv.Length || csv[i] is ',' or '\r', $"text after a closing quote at {i}");
                continue;
            }

            if (csv[i] == ',')
            {
                record.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (csv[i] == '\r')
            {
                Assert.Equal('\n', csv[i + 1]);
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i += 2;
            }
            else
            {
                Assert.NotEqual('\n', csv[i]);
                field.Append(csv[i++]);
            }
        }

        Assert.Empty(record);
        Assert.Equal(0, field.Length);
        return records;
    }
}
