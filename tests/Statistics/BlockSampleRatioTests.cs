using LeakBench.Statistics;

namespace LeakBench.Tests.Statistics;

/// <summary>Known answers of the unpaired ratio (two runs' block medians) and its Mann–Whitney bounds.</summary>
public sealed class BlockSampleRatioTests
{
    // Block medians of one run: a median latency times a log-normal spread between blocks.
    private static double[] Blocks(int count, double median, int seed, double sigma = 0.05)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
            median * Math.Exp(sigma * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()))).ToArray();
    }

    [Fact]
    public void Two_runs_of_the_same_distribution_give_bounds_around_one()
    {
        var ratio = BlockSampleRatio.Estimate(Blocks(20, 100, seed: 1), Blocks(20, 100, seed: 2));

        Assert.True(ratio.Contains(1), RatioVerdict.Figures(ratio));
        Assert.InRange(ratio.Lower, 0.9, 1);
        Assert.InRange(ratio.Upper, 1, 1.1);
        Assert.Equal(20, ratio.Pairs);
    }

    [Fact]
    public void A_run_twice_as_slow_gives_bounds_around_two()
    {
        var ratio = BlockSampleRatio.Estimate(Blocks(20, 200, seed: 3), Blocks(15, 100, seed: 4));

        Assert.True(ratio.Contains(2), RatioVerdict.Figures(ratio));
        Assert.InRange(ratio.Lower, 1.8, 2);
        Assert.InRange(ratio.Upper, 2, 2.2);
        Assert.Equal(LatencyVerdict.Slower, RatioVerdict.Judge(ratio, 0.05));
        Assert.Equal(15, ratio.Pairs); // the smaller side
    }

    [Fact]
    public void Exactly_shifted_samples_give_exactly_the_shift()
    {
        double[] baseline = [100, 110, 95, 105, 120, 90];
        var ratio = BlockSampleRatio.Estimate(baseline.Select(v => v * 3).ToArray(), baseline);

        Assert.Equal(3, ratio.Ratio, 12);
        Assert.True(ratio.Lower < 3 && ratio.Upper > 3);
    }

    [Fact]
    public void Too_few_blocks_give_no_number_and_say_why()
    {
        Assert.Equal(4, BlockSampleRatio.MinimumBlocks);
        var error = Assert.Throws<ArgumentException>(() => BlockSampleRatio.Estimate([100, 101, 99], Blocks(20, 100, seed: 5)));
        Assert.Contains("too few", error.Message, StringComparison.Ordinal);
        Assert.Contains("no ratio", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => BlockSampleRatio.Estimate([100, 101, 99, 0], [100, 101, 99, 98]));
    }

    [Theory]
    // P(U = 0) = 1 / C(8, 4) = 1/70 ≤ 0.025 < P(U ≤ 1) = 2/70: k = 1 (the extreme differences).
    [InlineData(4, 4, 1)]
    // R's wilcox.test(conf.int = TRUE) uses qwilcox(0.025, 10, 10) = 24 as the count below: k = 24.
    [InlineData(10, 10, 24)]
    [InlineData(3, 3, 0)]
    public void The_bound_rank_matches_the_exact_Mann_Whitney_quantile(int n, int m, int k) =>
        Assert.Equal(k, MannWhitneyShiftInterval.BoundRank(n, m, 0.95));

    [Fact]
    public void Large_samples_use_the_approximation_and_stay_close_to_the_normal_rank()
    {
        // 40 and 40: the normal approximation gives k ≈ nm/2 − 1.96·√(nm(n+m+1)/12) ≈ 800 − 204.6 ≈ 595.
        Assert.InRange(MannWhitneyShiftInterval.BoundRank(40, 40, 0.95), 590, 600);
    }
}
