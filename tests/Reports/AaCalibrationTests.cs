using LeakBench.Reports;
using LeakBench.Statistics;

namespace LeakBench.Tests.Reports;

/// <summary>Known answers of the A/A calibration: which A/A intervals are flagged, and why.</summary>
public sealed class AaCalibrationTests
{
    [Theory]
    [InlineData(1.00, 0.98, 1.02, false, false)]
    [InlineData(1.013, 1.002, 1.032, true, false)] // the reference run's Disposed_ReadToEnd 256 KiB group: excludes 1 by 0.2%
    [InlineData(1.00, 0.92, 1.09, false, true)] // ½·ln(1.09/0.92) = 8.5% > ln(1.05)
    [InlineData(1.10, 1.02, 1.20, true, true)]
    [InlineData(1.00, 0.955, 1.047, false, false)] // ½·ln(1.047/0.955) = 4.6% ≤ ln(1.05): within the margin
    public void An_A_A_is_flagged_when_it_excludes_1_or_is_wider_than_the_margin(double ratio, double lower, double upper, bool excludesOne, bool wider)
    {
        var calibration = new AaCalibration(new RatioInterval(ratio, lower, upper, 40), PracticalMargin.Default);

        Assert.Equal(excludesOne, calibration.ExcludesOne);
        Assert.Equal(wider, calibration.WiderThanMargin);
        Assert.Equal(excludesOne || wider, calibration.Flagged);
        Assert.Equal(calibration.Flagged, calibration.Reason.Length > 0);
    }

    [Fact]
    public void The_reason_names_both_problems_with_enough_decimals_to_see_them()
    {
        var calibration = new AaCalibration(new RatioInterval(1.013, 1.002, 1.032, 40), PracticalMargin.Default);

        Assert.Equal("its bounds exclude 1 (a bias of the design: order, warm-up or one connection's speed)", calibration.Reason);
        Assert.Equal("×1.013 [1.002–1.032]", RatioVerdict.Figures(calibration.Aa));
        Assert.Equal("⚠ A/A excludes 1", calibration.Mark);
    }
}
