using LeakBench.Census;

namespace LeakBench.Tests.Census;

public sealed class PercentilesTests
{
    private static readonly double[] OneToHundred = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();

    [Theory]
    [InlineData(50, 50)]
    [InlineData(95, 95)]
    [InlineData(99, 99)]
    [InlineData(100, 100)]
    [InlineData(0, 1)]
    [InlineData(0.5, 1)]
    [InlineData(99.5, 100)]
    public void Nearest_rank_of_one_to_a_hundred(double p, double expected) =>
        Assert.Equal(expected, Percentiles.NearestRank(OneToHundred, p));

    [Fact]
    public void A_tail_shows_in_p99_but_not_in_the_median()
    {
        var values = Enumerable.Repeat(100.0, 98).Concat([5000.0, 9000.0]).ToArray();

        Assert.Equal(100, Percentiles.NearestRank(values, 50));
        Assert.Equal(5000, Percentiles.NearestRank(values, 99));
    }

    [Fact]
    public void No_values_is_an_error() =>
        Assert.Throws<ArgumentException>(() => Percentiles.NearestRank([], 50));
}
