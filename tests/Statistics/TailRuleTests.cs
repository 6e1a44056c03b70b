using LeakBench.Statistics;

namespace LeakBench.Tests.Statistics;

/// <summary>Known answers of which block sizes give a tail quantile a verdict.</summary>
public sealed class TailRuleTests
{
    [Theory]
    [InlineData(20, 0.95, false)] // one request above: mostly the block's maximum
    [InlineData(10, 0.95, false)]
    [InlineData(80, 0.95, false)] // four above
    [InlineData(100, 0.95, true)]
    [InlineData(320, 0.95, true)] // 16 callers × 20
    [InlineData(20, 0.75, true)]
    [InlineData(20, 0.90, false)]
    [InlineData(50, 0.90, true)]
    public void A_tail_quantile_needs_five_requests_above_it(int blockRequests, double probability, bool verdict) =>
        Assert.Equal(verdict, TailRule.HasVerdict(blockRequests, probability));
}
