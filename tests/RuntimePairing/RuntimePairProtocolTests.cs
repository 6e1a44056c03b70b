using LeakBench.RuntimePairing;

namespace LeakBench.Tests.RuntimePairing;

public sealed class RuntimePairProtocolTests
{
    [Fact]
    public void A_block_result_survives_the_pipe_unchanged()
    {
        var block = new BlockResult(123.456789012345, 456.7, 3, 1, 0);

        Assert.Equal(block, BlockResult.Parse(block.ToLine()));
    }

    [Fact]
    public void A_line_that_is_not_a_block_result_is_refused()
    {
        Assert.Throws<FormatException>(() => BlockResult.Parse("Unhandled exception. System.Net.Http.HttpRequestException"));
    }

    [Theory]
    [InlineData("open", "open", 0)]
    [InlineData("time 5", "time", 5)]
    [InlineData("close", "close", 0)]
    public void The_child_reads_open_time_N_and_close(string line, string command, int requests)
    {
        Assert.True(RuntimePairChildCommand.TryParse(line, out var parsed, out var n));
        Assert.Equal(command, parsed);
        Assert.Equal(requests, n);
        Assert.Equal(line, command == "time" ? RuntimePairChildCommand.TimeCommand(n) : parsed);
    }

    [Theory]
    [InlineData("time 0")]
    [InlineData("time -3")]
    [InlineData("time")]
    [InlineData("block 20")]
    [InlineData("quit")]
    [InlineData("")]
    public void The_child_ends_on_anything_else(string line)
    {
        Assert.False(RuntimePairChildCommand.TryParse(line, out _, out var n));
        Assert.Equal(0, n);
    }

    [Fact]
    public void A_published_comparison_buys_precision_with_more_process_pairs_not_other_blocks()
    {
        var quick = LeakBench.Config.StudyProfile.Quick.RuntimePairing;
        var publish = LeakBench.Config.StudyProfile.Publish.RuntimePairing;

        Assert.True(publish.MaxProcessPairs > quick.MaxProcessPairs && publish.TimeBudget > quick.TimeBudget);
        // The same blocks, sub-blocks and target: a published ratio differs from a quick one only in how many process pairs it has.
        Assert.Equal(quick with { MaxProcessPairs = publish.MaxProcessPairs, TimeBudget = publish.TimeBudget }, publish);
        Assert.Equal(5, publish.SubBlockRequests);
    }

    [Fact]
    public void Each_two_block_pairs_run_one_of_each_order_so_each_process_pair_is_balanced_abba()
    {
        var settings = RuntimePairingSettings.Quick;
        for (var k = 0; k < settings.MaxProcessPairs; k++)
        {
            var order = RuntimePairCoordinator.RuntimeFirstOrder(settings, k);

            Assert.Equal(settings.BlockPairsPerProcessPair, order.Length);
            for (var b = 0; b < order.Length; b += 2)
            {
                Assert.NotEqual(order[b], order[b + 1]);
            }
        }
    }

    [Fact]
    public void Process_pairs_draw_their_orders_from_different_seeds()
    {
        var settings = RuntimePairingSettings.Quick;
        var orders = Enumerable.Range(0, settings.MaxProcessPairs)
            .Select(k => string.Concat(RuntimePairCoordinator.RuntimeFirstOrder(settings, k).Select(f => f ? 'R' : 'B')))
            .ToList();

        Assert.True(orders.Distinct().Count() > 1, string.Join(" ", orders));
    }

    [Fact]
    public void Each_process_pair_gives_the_hodges_lehmann_centre_of_its_own_block_pairs()
    {
        // Process pair 0: runtime ×2 in every block; process pair 1: ×0.5. Each pair's centre is exactly its own ratio.
        var pairs = Enumerable.Range(0, 6).Select(b => new RuntimeBlockPair(0, b, b % 2 == 0, Block(200), Block(100)))
            .Concat(Enumerable.Range(0, 6).Select(b => new RuntimeBlockPair(1, b, b % 2 == 1, Block(50), Block(100))))
            .ToList();

        var logs = RuntimePairRun.ProcessPairLogs(pairs);

        Assert.Equal(2, logs.Count);
        Assert.Equal(Math.Log(2), logs[0], 12);
        Assert.Equal(Math.Log(0.5), logs[1], 12);
    }

    private static BlockResult Block(double median) => new(median, 2 * median, 0, 0, 0);
}
