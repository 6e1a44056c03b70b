using System.Text;
using LeakBench.Reports;

namespace LeakBench.Tests.Reports;

/// <summary>"How to spot it in production": the meter's values per case and, per verdict, their range.</summary>
public sealed class ProductionSignatureSectionTests
{
    private static readonly StudyRow Reusing = ReportSamples.Baseline with
    {
        Census = ReportSamples.Baseline.Census with
        {
            OpenConnectionsActivePeak = 1, OpenConnectionsIdlePeak = 1, ConnectionDurationCount = 1, ConnectionDurationP50Ms = 1292, ConnectionDurationP95Ms = 1292,
            TimeInQueueCount = 1, TimeInQueueP95Ms = 19, TimeInQueueMaxMs = 19,
        },
    };

    private static readonly StudyRow Leaking = ReportSamples.Leaking with
    {
        Census = ReportSamples.Leaking.Census with
        {
            OpenConnectionsActivePeak = 998, OpenConnectionsIdlePeak = 1, ConnectionDurationCount = 1000, ConnectionDurationP50Ms = 392, ConnectionDurationP95Ms = 548.5,
            TimeInQueueCount = 1000, TimeInQueueP95Ms = 0.407, TimeInQueueMaxMs = 31.6,
        },
    };

    [Fact]
    public void Each_case_shows_the_meters_values_and_each_verdict_its_range()
    {
        var md = new StringBuilder();

        ProductionSignatureSection.Write(md, [Reusing, Leaking, ReportSamples.Closing]);

        var text = md.ToString();
        Assert.StartsWith("## How to spot it in production\n", text);
        Assert.Contains($"`{ProductionSignatureSection.Command}`", text);
        Assert.Contains($"| {Leaking.VerdictText} | 998 | 1 | 1000 | 392 ms | 549 ms | 1000 | 0.41 ms | 32 ms |", text);
        Assert.Contains("**reuses the connection** (1 case): active connections peaked at 1; idle at 1; connections lived 1292 ms (median per case); the longest wait for a connection was 19 ms.", text);
        // The closing sample has no meter values (a census file from before they were recorded): not in the table.
        Assert.DoesNotContain(ReportSamples.Closing.Case.Label, text);
    }

    [Fact]
    public void Rows_without_the_meters_values_write_no_section()
    {
        var md = new StringBuilder();

        ProductionSignatureSection.Write(md, ReportSamples.Rows);

        Assert.Equal("", md.ToString());
    }
}
