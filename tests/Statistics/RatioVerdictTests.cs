using LeakBench.Statistics;
using LeakBench.Tests.Reports;

namespace LeakBench.Tests.Statistics;

public sealed class RatioVerdictTests
{
    [Theory]
    [InlineData(2.10, 2.02, 2.19, LatencyVerdict.Slower)]
    [InlineData(0.42, 0.40, 0.45, LatencyVerdict.Faster)]
    [InlineData(1.01, 0.97, 1.04, LatencyVerdict.NoPracticalDifference)]
    [InlineData(1.00, 0.95, 1.05, LatencyVerdict.NoPracticalDifference)]
    [InlineData(1.08, 0.98, 1.21, LatencyVerdict.Inconclusive)]
    [InlineData(0.97, 0.94, 1.00, LatencyVerdict.Inconclusive)]
    [InlineData(1.07, 1.05, 1.09, LatencyVerdict.Inconclusive)]
    public void Bounds_against_a_five_percent_margin(double ratio, double lower, double upper, LatencyVerdict expected) =>
        Assert.Equal(expected, RatioVerdict.Judge(new RatioInterval(ratio, lower, upper, 30), 0.05));

    [Fact]
    public void A_wider_margin_turns_a_small_slowdown_into_no_practical_difference()
    {
        var ratio = new RatioInterval(1.07, 1.06, 1.08, 30);

        Assert.Equal(LatencyVerdict.Slower, RatioVerdict.Judge(ratio, 0.05));
        Assert.Equal(LatencyVerdict.NoPracticalDifference, RatioVerdict.Judge(ratio, 0.10));
    }

    [Fact]
    public void The_text_reads_verdict_ratio_and_bounds_in_any_culture()
    {
        using var culture = CultureScope.German();

        Assert.Equal("slower ×2.10 [2.02–2.19]", RatioVerdict.Describe(new RatioInterval(2.1, 2.02, 2.19, 30), 0.05));
        Assert.Equal("no practical difference ×1.01 [0.97–1.04]", RatioVerdict.Describe(new RatioInterval(1.01, 0.97, 1.04, 30), 0.05));
        Assert.Equal("inconclusive ×1.08 [0.98–1.21]", RatioVerdict.Describe(new RatioInterval(1.08, 0.98, 1.21, 30), 0.05));
    }

    [Fact]
    public void The_margin_is_five_percent_or_the_aa_reach_whichever_is_larger()
    {
        var quiet = new RatioInterval(1.00, 0.97, 1.04, 30);
        var noisy = new RatioInterval(1.01, 0.92, 1.07, 30);

        Assert.Equal(0.05, PracticalMargin.For(null));
        Assert.Equal(0.05, PracticalMargin.For(quiet));
        Assert.Equal(0.08, PracticalMargin.For(noisy), 12);
        Assert.False(PracticalMargin.TooNoisy(quiet));
        Assert.True(PracticalMargin.TooNoisy(noisy));
    }
}
