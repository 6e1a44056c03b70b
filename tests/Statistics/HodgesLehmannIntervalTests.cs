using LeakBench.Statistics;

namespace LeakBench.Tests.Statistics;

public sealed class HodgesLehmannIntervalTests
{
    [Fact]
    public void Six_values_give_the_median_walsh_average_bounded_by_the_extremes()
    {
        // Walsh averages of 1..6 are symmetric about 3.5; with 6 values the 95% bound rank is 1.
        var (centre, lower, upper) = HodgesLehmannInterval.Of([1, 2, 3, 4, 5, 6]);

        Assert.Equal(3.5, centre);
        Assert.Equal(1, lower);
        Assert.Equal(6, upper);
    }

    [Fact]
    public void Ten_values_are_bounded_by_the_ninth_walsh_average_from_each_end()
    {
        double[] values = [0.3, -1.2, 2.5, 0.9, -0.4, 1.7, 0.1, 3.8, -0.8, 1.1];
        var walsh = (from i in Enumerable.Range(0, 10) from j in Enumerable.Range(i, 10 - i) select (values[i] + values[j]) / 2).Order().ToArray();

        var (centre, lower, upper) = HodgesLehmannInterval.Of(values);

        Assert.Equal(55, walsh.Length);
        Assert.Equal(walsh[27], centre);
        Assert.Equal(walsh[8], lower);
        Assert.Equal(walsh[^9], upper);
    }

    [Fact]
    public void Shifting_the_values_shifts_centre_and_bounds()
    {
        double[] values = [0.3, -1.2, 2.5, 0.9, -0.4, 1.7, 0.1, 3.8];
        var before = HodgesLehmannInterval.Of(values);

        var after = HodgesLehmannInterval.Of(values.Select(v => v + 10).ToArray());

        Assert.Equal(before.Centre + 10, after.Centre, 12);
        Assert.Equal(before.Lower + 10, after.Lower, 12);
        Assert.Equal(before.Upper + 10, after.Upper, 12);
    }

    [Fact]
    public void Five_values_are_too_few_and_say_how_many_are_needed()
    {
        var error = Assert.Throws<ArgumentException>(() => HodgesLehmannInterval.Of([1, 2, 3, 4, 5]));

        Assert.Contains("at least 6", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, HodgesLehmannInterval.MinimumCount());
    }
}
