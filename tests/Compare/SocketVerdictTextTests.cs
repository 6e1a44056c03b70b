using LeakBench.Compare;
using LeakBench.Reports;

namespace LeakBench.Tests.Compare;

public sealed class SocketVerdictTextTests
{
    [Theory]
    [InlineData("stalls at request 101 until the timeout; a GC frees it", "stalls at request 179 until the timeout; a GC frees it", true)]
    [InlineData("holds 19 streams open on 2 connections; no stall", "holds 1250 streams open on 1 connection; no stall", true)]
    [InlineData("fails at request 918 (Too many open files in system)", "fails at request 1020 (Too many open files)", true)]
    [InlineData("stalls at request 101 until the timeout; a GC frees it", "stalls at request 101 until the timeout; a GC does not free it", false)]
    [InlineData("reuses the connection", "leaks until GC", false)]
    [InlineData("some future verdict", "some future verdict", true)]
    [InlineData("some future verdict", "another future verdict", false)]
    public void Verdicts_are_compared_by_verdict_not_by_their_numbers(string a, string b, bool same) =>
        Assert.Equal(same, SocketVerdictText.Same(a, b));

    [Fact]
    public void Every_verdict_reads_back_from_its_text()
    {
        Assert.All(Enum.GetValues<Verdict>(), v => Assert.Equal(v, SocketVerdictText.Of(v.Text())));
    }
}
