using System.Text;
using LeakBench.Reports;

namespace LeakBench.Tests.Reports;

/// <summary>Byte figures in the report, negative ones (differences) included.</summary>
public sealed class ReportFormatBytesTests
{
    [Theory]
    [InlineData(840, "840 B")]
    [InlineData(3_461, "3.38 KiB")]
    [InlineData(2 * 1024 * 1024, "2.00 MiB")]
    // Negative: the table's minus sign (U+2212), then the size of the magnitude, as the target's growth prints "−16.6 MiB".
    [InlineData(-168, "−168 B")]
    [InlineData(-3_461, "−3.38 KiB")]
    [InlineData(-17_406_362, "−16.6 MiB")]
    public void A_byte_figure_has_a_unit_and_a_negative_one_the_report_s_minus_sign(double bytes, string expected) =>
        Assert.Equal(expected, ReportFormat.Bytes(bytes));

    [Fact]
    public void The_holdings_table_prints_a_negative_kept_by_the_GC_with_the_minus_sign()
    {
        // The published run of 2026-12-03 printed a baseline's "Baseline kept" of −168 bytes as "-168.00 B".
        var baseline = ReportSamples.Baseline with
        {
            Case = ReportSamples.Leaking.BaselineCase!,
            BaselineCase = ReportSamples.Leaking.BaselineCase,
            Census = ReportSamples.Baseline.Census with { GcPromotedBytes = -168, ClientQueuedBytes = 0 },
        };
        var leak = ReportSamples.Leaking with { Census = ReportSamples.Leaking.Census with { GcPromotedBytes = -288, ClientQueuedBytes = 0 } };
        var md = new StringBuilder();
        LeakHoldingsSection.Write(md, [baseline, leak]);
        var text = md.ToString();

        Assert.Contains("| −288 B |", text, StringComparison.Ordinal);
        Assert.Contains("| −168 B |", text, StringComparison.Ordinal);
        Assert.DoesNotContain("-168", text, StringComparison.Ordinal);
        Assert.DoesNotContain("-288", text, StringComparison.Ordinal);
    }
}
