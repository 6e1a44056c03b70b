using LeakBench.Compare;

namespace LeakBench.Tests.Compare;

public sealed class PairedRatioAcrossRunsTests
{
    [Fact]
    public void Log_ratios_shifted_by_a_constant_give_exactly_that_ratio_with_bounds_from_their_spread()
    {
        double[] spread = [0.01, -0.01, 0.02, -0.02, 0, 0.005, -0.005, 0.015];
        var (ratio, whyNot) = PairedRatioAcrossRuns.Of(spread.Select(s => Math.Log(1.2) + s).ToList(), spread);

        Assert.Null(whyNot);
        Assert.Equal(1.2, ratio!.Ratio, 12);
        Assert.InRange(ratio.Lower, 1.2 * Math.Exp(-0.04), 1.2);
        Assert.InRange(ratio.Upper, 1.2, 1.2 * Math.Exp(0.04));
        Assert.Equal(spread.Length, ratio.Pairs);
    }

    [Fact]
    public void Too_few_pairs_give_no_ratio_and_say_why()
    {
        var (ratio, whyNot) = PairedRatioAcrossRuns.Of([0, 0.1, 0.2], [0, 0.1, 0.2, 0.3, 0.4]);

        Assert.Null(ratio);
        Assert.Equal($"3 and 5 block pairs; at least {PairedRatioAcrossRuns.MinimumPairs} in each run are needed for bounds", whyNot);
    }
}
