using LeakBench.Statistics;

namespace LeakBench.Tests.Statistics;

/// <summary>Known answers on synthetic block pairs whose true ratio is set (see <see cref="SyntheticBlocks"/>).</summary>
public sealed class PairedRatioEstimatorTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Identical_distributions_give_bounds_around_one(int seed)
    {
        var ratios = PairedRatioEstimator.Estimate(SyntheticBlocks.Generate(pairs: 30, blockSize: 25, ratio: 1, seed));

        foreach (var r in new[] { ratios.Median, ratios.P95 })
        {
            Assert.True(r.Contains(1), $"{r} should contain 1");
            Assert.InRange(r.Lower, 0.85, 1);
            Assert.InRange(r.Upper, 1, 1.15);
            Assert.Equal(30, r.Pairs);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_doubling_gives_bounds_around_two(int seed)
    {
        var ratios = PairedRatioEstimator.Estimate(SyntheticBlocks.Generate(pairs: 30, blockSize: 25, ratio: 2, seed));

        foreach (var r in new[] { ratios.Median, ratios.P95 })
        {
            Assert.True(r.Contains(2), $"{r} should contain 2");
            Assert.InRange(r.Lower, 1.7, 2);
            Assert.InRange(r.Upper, 2, 2.3);
        }
    }

    [Fact]
    public void The_machine_drifting_by_thirty_percent_cancels_within_pairs()
    {
        var ratios = PairedRatioEstimator.Estimate(SyntheticBlocks.Generate(pairs: 30, blockSize: 25, ratio: 2, seed: 4, phi: 0.5, driftAmplitude: 0.3));

        Assert.True(ratios.Median.Contains(2), $"{ratios.Median} should contain 2");
        Assert.InRange(ratios.Median.Upper / ratios.Median.Lower, 1, 1.3);
    }

    [Fact]
    public void Autocorrelated_requests_give_wider_bounds_than_independent_ones()
    {
        // The same marginal distribution of latencies, once independent and once strongly
        // autocorrelated: neighbouring requests carry less information, and the bounds must say so.
        static double MeanLogWidth(double phi) => Enumerable.Range(100, 30)
            .Select(seed => PairedRatioEstimator.Estimate(SyntheticBlocks.Generate(pairs: 20, blockSize: 10, ratio: 1, seed, phi)).Median)
            .Average(r => Math.Log(r.Upper / r.Lower));

        var independent = MeanLogWidth(phi: 0);
        var autocorrelated = MeanLogWidth(phi: 0.9);

        Assert.True(autocorrelated > 1.5 * independent, $"autocorrelated width {autocorrelated:F3} vs independent {independent:F3}");
    }

    [Fact]
    public void Autocorrelated_requests_keep_the_bounds_honest_because_the_unit_is_the_block_pair()
    {
        // A/A under strong autocorrelation: 95% bounds from block pairs contain 1 about 95% of the
        // time. The same requests paired one by one (request i of the case block with request i of
        // the baseline block) and treated as independent give falsely narrow bounds that miss 1 far
        // more often: the unit of analysis is what keeps the coverage.
        const int Runs = 100;
        int blockCovers = 0, requestCovers = 0;
        for (var seed = 0; seed < Runs; seed++)
        {
            var pairs = SyntheticBlocks.Generate(pairs: 20, blockSize: 10, ratio: 1, seed: 1000 + seed, phi: 0.9);
            if (PairedRatioEstimator.Estimate(pairs).Median.Contains(1))
            {
                blockCovers++;
            }

            var perRequest = pairs.SelectMany(p => p.Case.Zip(p.Baseline, (c, b) => Math.Log(c / b))).ToArray();
            if (PairedRatioEstimator.FromLogs(perRequest).Contains(1))
            {
                requestCovers++;
            }
        }

        Assert.InRange(blockCovers, 88, Runs);
        Assert.InRange(requestCovers, 0, 75);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Too_few_pairs_give_a_clear_error_and_no_number(int count)
    {
        var pairs = SyntheticBlocks.Generate(pairs: count, blockSize: 25, ratio: 2, seed: 7);

        var error = Assert.Throws<ArgumentException>(() => PairedRatioEstimator.Estimate(pairs));

        Assert.Contains($"{count} block pairs are too few", error.Message, StringComparison.Ordinal);
        Assert.Contains("at least 6", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Six_pairs_are_enough_and_are_bounded_by_the_extremes()
    {
        var pairs = SyntheticBlocks.Generate(pairs: 6, blockSize: 25, ratio: 2, seed: 7);

        var ratios = PairedRatioEstimator.Estimate(pairs);

        Assert.Equal(6, PairedRatioEstimator.MinimumPairs);
        Assert.True(ratios.Median.Contains(2), $"{ratios.Median} should contain 2");
    }

    [Fact]
    public void A_latency_that_is_not_positive_is_an_error()
    {
        var pairs = SyntheticBlocks.Generate(pairs: 8, blockSize: 5, ratio: 1, seed: 7);
        pairs[3] = pairs[3] with { Baseline = [100, 0, 100] };

        var error = Assert.Throws<ArgumentException>(() => PairedRatioEstimator.Estimate(pairs));

        Assert.Contains("block pair 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ratio_is_of_block_medians_not_means()
    {
        // Each case block is its baseline block times 3, except one huge outlier per case block:
        // the medians' ratio stays 3 while the means' ratio would be far above.
        var pairs = Enumerable.Range(0, 8).Select(i =>
        {
            var baseline = Enumerable.Range(1, 21).Select(v => 100.0 + v + i).ToArray();
            var c = baseline.Select(v => 3 * v).ToArray();
            c[^1] = 1e6;
            return new BlockPair(c, baseline);
        }).ToList();

        var ratios = PairedRatioEstimator.Estimate(pairs);

        Assert.Equal(3, ratios.Median.Ratio, 1);
        Assert.True(ratios.P95.Ratio > 3.5, $"the P95 ratio {ratios.P95.Ratio} sees the outlier");
    }
}
