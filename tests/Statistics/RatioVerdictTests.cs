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
    public void A_case_of_x1_04_from_0_98_to_1_09_is_inconclusive_at_five_percent() =>
        // The published reference run printed this interval as "no practical difference" at a ±12.1% A/A margin.
        Assert.Equal(LatencyVerdict.Inconclusive, RatioVerdict.Judge(new RatioInterval(1.04, 0.98, 1.09, 40), PracticalMargin.Default));

    [Fact]
    public void The_margin_is_five_percent_and_checked()
    {
        Assert.Equal(0.05, PracticalMargin.Default);
        Assert.Null(PracticalMargin.Check(0.05));
        Assert.NotNull(PracticalMargin.Check(0));
        Assert.NotNull(PracticalMargin.Check(0.6));
        Assert.NotNull(PracticalMargin.Check(double.NaN));
    }

    [Theory]
    [InlineData(1.013, 1.002, 1.032, "×1.013 [1.002–1.032]")]
    [InlineData(0.9991, 0.9975, 0.9996, "×0.9991 [0.9975–0.9996]")]
    [InlineData(1.01, 0.98, 1.03, "×1.01 [0.98–1.03]")]
    [InlineData(1.03, 1.006, 1.05, "×1.03 [1.01–1.05]")]
    public void Figures_show_more_decimals_only_where_two_would_hide_an_interval_excluding_1(double ratio, double lower, double upper, string expected) =>
        Assert.Equal(expected, RatioVerdict.Figures(new RatioInterval(ratio, lower, upper, 30)));

    [Theory]
    // The published run of 2026-12-06 printed this inconclusive interval "×0.96 [0.95–0.97]", which reads as wholly within ±5%.
    [InlineData(0.9570, 0.9471, 0.9652, "inconclusive ×0.957 [0.947–0.965]")]
    // Faster needs the upper bound below 0.95; "0.95" would read as on the edge.
    [InlineData(0.93, 0.91, 0.9497, "faster ×0.9300 [0.9100–0.9497]")]
    // Slower needs the lower bound above 1.05.
    [InlineData(1.10, 1.0503, 1.15, "slower ×1.1000 [1.0503–1.1500]")]
    // An upper bound just past 1.05 is not within the margin: "1.05" would read as within.
    [InlineData(1.02, 0.99, 1.0504, "inconclusive ×1.0200 [0.9900–1.0504]")]
    // Bounds on the inclusive side of an edge keep two decimals: 0.9502 printed "0.95" is still within.
    [InlineData(0.98, 0.9502, 1.01, "no practical difference ×0.98 [0.95–1.01]")]
    [InlineData(2.10, 2.02, 2.19, "slower ×2.10 [2.02–2.19]")]
    public void With_the_margin_figures_keep_each_bound_visibly_on_its_side_of_the_margins_edges(double ratio, double lower, double upper, string expected)
    {
        var interval = new RatioInterval(ratio, lower, upper, 30);

        Assert.Equal(expected, RatioVerdict.Describe(interval, PracticalMargin.Default));
        // Without the margin only the edge at 1 counts, as before.
        Assert.Equal(2, RatioVerdict.DecimalsFor(interval));
    }
}
