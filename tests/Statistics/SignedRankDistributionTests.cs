using LeakBench.Statistics;

namespace LeakBench.Tests.Statistics;

public sealed class SignedRankDistributionTests
{
    // Two-sided 5% critical values of Wilcoxon's signed-rank T from the published tables
    // (reject when T <= critical); the bound rank is critical + 1.
    [Theory]
    [InlineData(6, 0)]
    [InlineData(8, 3)]
    [InlineData(10, 8)]
    [InlineData(15, 25)]
    [InlineData(20, 52)]
    [InlineData(25, 89)]
    [InlineData(30, 137)]
    public void Bound_rank_matches_the_published_critical_values(int n, int critical) =>
        Assert.Equal(critical + 1, SignedRankDistribution.BoundRank(n, 0.95));

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Five_or_fewer_values_cannot_reach_95_percent(int n) =>
        Assert.Equal(0, SignedRankDistribution.BoundRank(n, 0.95));

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(40)]
    public void Exact_probabilities_sum_to_one_and_start_at_two_to_the_minus_n(int n)
    {
        var p = SignedRankDistribution.Probabilities(n);

        Assert.Equal((n * (n + 1) / 2) + 1, p.Length);
        Assert.Equal(1.0, p.Sum(), 12);
        Assert.Equal(Math.Pow(2, -n), p[0], 15);
        Assert.Equal(p[0], p[^1], 15); // symmetric: all negative and all positive are equally likely
    }

    [Theory]
    [InlineData(51)]
    [InlineData(60)]
    [InlineData(100)]
    public void The_normal_approximation_above_fifty_is_within_one_rank_of_the_exact_answer(int n)
    {
        var p = SignedRankDistribution.Probabilities(n);
        double cumulative = 0;
        var exact = 0;
        while (cumulative + p[exact] <= 0.025)
        {
            cumulative += p[exact++];
        }

        Assert.InRange(SignedRankDistribution.BoundRank(n, 0.95), exact - 1, exact + 1);
    }
}
