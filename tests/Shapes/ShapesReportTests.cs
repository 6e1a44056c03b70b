using System.Text;
using LeakBench.Reports;
using LeakBench.Shapes;
using LeakBench.Tests.Reports;

namespace LeakBench.Tests.Shapes;

/// <summary>shapes.csv and the report's analyzer section, from hand-built coverage and the report samples' rows.</summary>
public sealed class ShapesReportTests
{
    // ReportSamples.Leaking is undisposed, unread, HeadersRead, 1 KiB; Baseline disposed, read to the end, ContentRead, 1 KiB.
    private static readonly LeakShape Discarded = new("DiscardedResult", "A discarded result.", StudyCaseReference.Parse("DisposeDrainBenchmarks.Get(Disposed=False, Drain=None, Completion=ResponseHeadersRead)"));
    private static readonly LeakShape Chained = new("ChainedStatusCode", "A chained status code.", StudyCaseReference.Parse("DisposeDrainBenchmarks.Get(Disposed=False, Drain=None, Completion=ResponseHeadersRead)"));
    private static readonly LeakShape Buffered = new("BufferedGet", "GetAsync(url), dropped.", StudyCaseReference.Parse("DisposeDrainBenchmarks.Get(Disposed=True, Drain=Full, Completion=ResponseContentRead)"));
    private static readonly LeakShape Elsewhere = new("NewClientPerRequest", "A client per request.", StudyCaseReference.Parse("LifetimeBenchmarks.Disposed_ReadToEnd(Lifetime=PerRequestUndisposed)"));

    private static ShapeCoverage Coverage { get; } = new()
    {
        Shapes = [Buffered, Chained, Discarded, Elsewhere],
        Rules = new Dictionary<string, IReadOnlyList<string>> { ["ChainedStatusCode"] = ["IDISP004"], ["BufferedGet"] = ["IDISP001"], ["NewClientPerRequest"] = ["CA2000", "IDISP014"] },
        Analyzers = ["IDisposableAnalyzers 4.0.8"],
    };

    [Fact]
    public void The_csv_has_one_line_per_shape_with_its_rules_and_its_cases_verdict()
    {
        var lines = ShapesCsvWriter.Write(Coverage, ReportSamples.Rows).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(string.Join(',', ShapesCsvWriter.Columns), lines[0]);
        Assert.Equal(5, lines.Length);
        var chained = Fields(lines.Single(l => l.StartsWith("ChainedStatusCode,", StringComparison.Ordinal)));
        Assert.Equal("ran", chained[Column("analysis")]);
        Assert.Equal("IDISP004", chained[Column("rules_fired")]);
        Assert.Equal("false", chained[Column("ca2000")]);
        Assert.Equal("true", chained[Column("idisp004")]);
        Assert.Equal("true", chained[Column("flagged")]);
        Assert.Equal(ReportSamples.Leaking.VerdictText, chained[Column("verdict")]);
        Assert.Equal("998", chained[Column("leaked_established")]);
        var discarded = Fields(lines.Single(l => l.StartsWith("DiscardedResult,", StringComparison.Ordinal)));
        Assert.Equal("false", discarded[Column("flagged")]);
        var elsewhere = Fields(lines.Single(l => l.StartsWith("NewClientPerRequest,", StringComparison.Ordinal)));
        Assert.Equal(ShapesCsvWriter.CaseNotInRun, elsewhere[Column("verdict")]);
        Assert.Equal("", elsewhere[Column("leaked_established")]);
    }

    [Fact]
    public void When_the_compile_did_not_run_every_line_says_why_and_no_rule_column_is_filled()
    {
        var notRun = ShapeCoverage.Failed([Chained], "dotnet build failed (exit code 1): error NU1101");

        var lines = ShapesCsvWriter.Write(notRun, ReportSamples.Rows).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        var fields = Fields(lines[1]);
        Assert.Equal("not run: dotnet build failed (exit code 1): error NU1101", fields[Column("analysis")]);
        Assert.All(ShapeCoverage.StudiedRules, rule => Assert.Equal("", fields[Column(rule.ToLowerInvariant())]));
        Assert.Equal("", fields[Column("flagged")]);
    }

    [Fact]
    public void When_not_even_the_shapes_were_read_the_csv_still_says_why()
    {
        var lines = ShapesCsvWriter.Write(ShapeCoverage.Failed([], "the leak shapes project was not found (/nowhere)"), ReportSamples.Rows)
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, lines.Length);
        Assert.Contains("not run: the leak shapes project was not found (/nowhere)", lines[1]);
    }

    [Fact]
    public void The_section_names_the_costly_shape_no_rule_flags_and_the_flagged_one_that_costs_nothing()
    {
        var md = new StringBuilder();

        ShapesSection.Write(md, ReportSamples.Rows, Coverage);

        var text = md.ToString();
        Assert.StartsWith("## Would my analyzer catch it?\n", text);
        Assert.Contains("| `ChainedStatusCode` | A chained status code. |  |  | ✓ |  |  |", text);
        Assert.Contains($"**No rule flags `DiscardedResult` ({ReportSamples.Leaking.VerdictText}).**", text);
        Assert.Contains("Flagged although the case reuses the connection: `BufferedGet` (IDISP001).", text);
        Assert.Contains("CA2000 fired on 1 of 4 shapes: `NewClientPerRequest`.", text);
        Assert.Contains("| " + ShapesCsvWriter.CaseNotInRun + " |", text);
    }

    [Fact]
    public void The_section_says_when_the_shapes_were_not_analysed_and_is_absent_without_coverage()
    {
        var md = new StringBuilder();
        ShapesSection.Write(md, ReportSamples.Rows, ShapeCoverage.Failed([], "no dotnet host: not found"));
        Assert.Contains("were not analysed in this run: no dotnet host: not found.", md.ToString());

        var none = new StringBuilder();
        ShapesSection.Write(none, ReportSamples.Rows, null);
        Assert.Equal("", none.ToString());
    }

    private static int Column(string name) => ShapesCsvWriter.Columns.ToList().IndexOf(name);

    // RFC 4180 fields of one record (a verdict has commas, so it is quoted).
    private static List<string> Fields(string record)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < record.Length; i++)
        {
            var ch = record[i];
            if (quoted && ch == '"' && i + 1 < record.Length && record[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (ch == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(ch);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
