using LeakBench.Cases;
using LeakBench.Pairing;
using LeakBench.Statistics;
using LeakBench.Tests.Census;
using LeakBench.Tests.Support;

namespace LeakBench.Tests.Statistics;

/// <summary>
/// Known answers of the pairing runner against the real target. Few pairs, to stay fast; alone,
/// because it forces full GCs and times requests (the census tests' collection runs alone too).
/// </summary>
[Collection(nameof(CensusRunsAlone))]
[Trait("Category", "Slow")]
public sealed class PairedLatencyRunnerTests(TargetFixture target) : IClassFixture<TargetFixture>
{
    private static readonly PairingSettings Few = PairingSettings.Default with { MaxPairs = 20, BlockRequests = 20, TimeBudget = TimeSpan.FromSeconds(20) };

    private static StudyCase Case(bool dispose, Drain drain) => new() { Disposed = dispose, Drain = drain, BodyBytes = 1024, Completion = HttpCompletionOption.ResponseHeadersRead };

    [Fact]
    public async Task The_baseline_against_itself_gives_a_ratio_near_one_with_bounds_that_contain_one()
    {
        var baseline = Case(dispose: true, Drain.Full);

        var run = await PairedLatencyRunner.RunAsync(target.Urls.Http1, baseline, baseline, Few);
        var ratio = PairedRatioEstimator.Estimate(run.Pairs).Median;

        Assert.Equal(20, run.Pairs.Count);
        Assert.All(run.Pairs, p => Assert.Equal((20, 20), (p.Case.Count, p.Baseline.Count)));
        Assert.InRange(ratio.Ratio, 0.8, 1.25);
        // Near 1, not "contains 1": 95% bounds on a real machine miss 1 now and then (the synthetic known answers test coverage).
        Assert.True(ratio.Lower < 1.1 && ratio.Upper > 0.9, $"A/A {RatioVerdict.Figures(ratio)} should lie around 1");
        // One handler for the warm-up and a fresh one per block, each reusing its one connection.
        Assert.Equal((21, 21), (run.CaseConnectionsOpened, run.BaselineConnectionsOpened));
        Assert.False(run.StoppedByTimeBudget);
    }

    [Theory]
    // Each side sends through the client its case names: HTTP/2 by prior knowledge on the h2c port (a plain client
    // there is answered 400), HTTPS with the certificate pin, and a new client per request.
    [InlineData(HttpProtocol.Http2, false, ClientLifetime.Shared, 1)]
    [InlineData(HttpProtocol.Http11, true, ClientLifetime.Shared, 1)]
    [InlineData(HttpProtocol.Http2, true, ClientLifetime.Shared, 1)]
    [InlineData(HttpProtocol.Http11, false, ClientLifetime.PerRequestDisposed, 20 + PairingSettings.DefaultHandlerWarmupRequests)]
    public async Task The_pairing_sends_through_the_client_each_case_names(HttpProtocol protocol, bool tls, ClientLifetime lifetime, int connectionsPerBlock)
    {
        var baseline = Case(dispose: true, Drain.Full) with { Protocol = protocol, Tls = tls, Lifetime = lifetime };
        var uri = CaseTarget.UriFor(target.Urls, baseline);
        var pin = tls ? new CertificatePin(await LeakBench.Target.TargetControl.ReadCertificateThumbprintAsync(target.Urls)) : null;
        var few = Few with { MaxPairs = 8, WarmupRequests = 5 };

        var run = await PairedLatencyRunner.RunAsync(uri, baseline, baseline, few, pin);

        Assert.Equal(8, run.Pairs.Count);
        // The warm-up's requests, then per block its handler's (or its per-request clients') connections.
        var warmup = lifetime == ClientLifetime.Shared ? 1 : few.WarmupRequests;
        Assert.Equal(warmup + (8 * connectionsPerBlock), run.CaseConnectionsOpened);
        Assert.Equal(run.CaseConnectionsOpened, run.BaselineConnectionsOpened);
    }

    [Fact]
    public async Task An_undisposed_unread_response_is_slower_than_the_disposed_read_to_end_baseline()
    {
        var leaking = Case(dispose: false, Drain.None);
        var baseline = Case(dispose: true, Drain.Full);

        var run = await PairedLatencyRunner.RunAsync(target.Urls.Http1, leaking, baseline, Few);
        var ratio = PairedRatioEstimator.Estimate(run.Pairs).Median;

        // The unread body holds its connection, so every case request opens a new one; the baseline reuses one.
        Assert.True(run.CaseConnectionsOpened >= Few.WarmupRequests + (20 * (20 + Few.HandlerWarmupRequests)), $"case opened {run.CaseConnectionsOpened}");
        Assert.Equal(21, run.BaselineConnectionsOpened); // the warm-up's handler and one fresh handler per block
        Assert.True(ratio.Ratio > 1, $"leaking vs baseline {RatioVerdict.Figures(ratio)}");
    }

    [Fact]
    public void The_order_is_balanced_over_each_two_pairs_and_not_a_fixed_pattern()
    {
        var order = PairedLatencyRunner.CaseFirstOrder(40, seed: 7);

        Assert.All(Enumerable.Range(0, 20), i => Assert.NotEqual(order[2 * i], order[(2 * i) + 1]));
        Assert.Equal(20, order.Count(caseFirst => caseFirst));
        var starts = Enumerable.Range(0, 20).Select(i => order[2 * i]).ToList();
        Assert.Contains(true, starts); // both orders open a two-pair group somewhere: not ABBA every time
        Assert.Contains(false, starts);
        Assert.Equal(order, PairedLatencyRunner.CaseFirstOrder(40, seed: 7)); // the same seed, the same order
        Assert.Equal(new[] { order[0] }, PairedLatencyRunner.CaseFirstOrder(1, seed: 7)); // an odd count keeps the drawn first
    }

    [Theory]
    [InlineData(true, "ABBAABBA")]
    [InlineData(false, "BAABBAAB")]
    [InlineData(true, "AB", 1)]
    public void Sub_blocks_alternate_in_ABBA_order_from_the_side_that_goes_first(bool caseFirst, string expected, int perSide = 4)
    {
        var order = PairedLatencyRunner.SubBlockOrder(perSide, caseFirst);

        Assert.Equal(expected, string.Concat(order.Select(isCase => isCase ? 'A' : 'B')));
        Assert.Equal(perSide, order.Count(isCase => isCase));
    }

    [Fact]
    public async Task A_pair_times_each_side_in_interleaved_sub_blocks_of_its_own_requests()
    {
        var baseline = Case(dispose: true, Drain.Full);
        var uneven = Few with { MaxPairs = 4, BlockRequests = 7, SubBlockRequests = 3 };

        var run = await PairedLatencyRunner.RunAsync(target.Urls.Http1, baseline, baseline, uneven);

        // 7 requests a side in sub-blocks of 3, 3 and 1: every pair still times exactly 7 a side.
        Assert.All(run.Pairs, p => Assert.Equal((7, 7), (p.Case.Count, p.Baseline.Count)));
        Assert.All(run.Pairs.SelectMany(p => p.Case.Concat(p.Baseline)), us => Assert.True(us > 0));
    }

    [Fact]
    public async Task A_16_caller_pairing_really_runs_16_requests_at_once()
    {
        var baseline = Case(dispose: true, Drain.Full);
        var concurrent = Few with { MaxPairs = 2, BlockRequests = 5, Callers = 16 };

        var run = await PairedLatencyRunner.RunAsync(target.Urls.Http1, baseline, baseline, concurrent);

        Assert.Equal(16, run.PeakInFlight);
        // Every caller times its own block: 16 callers × 5 requests a side in every pair.
        Assert.All(run.Pairs, p => Assert.Equal((80, 80), (p.Case.Count, p.Baseline.Count)));
    }

    [Fact]
    public async Task A_reached_precision_stops_at_the_first_check_and_the_order_is_recorded()
    {
        var baseline = Case(dispose: true, Drain.Full);
        // ±50% is reached by any A/A at its first check, 16 pairs.
        var coarse = Few with { MaxPairs = 40, BlockRequests = 5, PrecisionTarget = 0.5 };

        var run = await PairedLatencyRunner.RunAsync(target.Urls.Http1, baseline, baseline, coarse);

        Assert.Equal(PairingStop.Precision, run.StoppedBy);
        Assert.Equal(PrecisionRule.PairingMinimum, run.Pairs.Count);
        Assert.Equal(run.Pairs.Count, run.CaseFirst.Count);
        Assert.Equal(run.Pairs.Count / 2, run.CaseFirst.Count(first => first)); // each order equally often
        Assert.Equal(1, run.PeakInFlight);
    }

    [Fact]
    public async Task A_spent_time_budget_still_gives_the_pairs_bounds_need_and_a_ratio()
    {
        var baseline = Case(dispose: true, Drain.Full);

        var run = await PairedLatencyRunner.RunAsync(target.Urls.Http1, baseline, baseline, Few with { TimeBudget = TimeSpan.Zero });

        // A cap already passed stops the pairing at the first count bounds allow (6, even): a comparison too costly for
        // its cap gets wide bounds, never none.
        Assert.Equal(PairedRatioEstimator.MinimumPairs, run.Pairs.Count);
        Assert.Equal(PairedLatencyRunner.MinimumPairsForBounds, run.Pairs.Count);
        Assert.True(run.StoppedByTimeBudget);
        Assert.Equal(run.Pairs.Count / 2, run.CaseFirst.Count(first => first));
        Assert.Equal(run.Pairs.Count, PairedRatioEstimator.Estimate(run.Pairs).Median.Pairs);
    }

    [Fact]
    public async Task A_request_past_its_timeout_fails_the_comparison()
    {
        // A 2 MiB body read to the end with a timeout far shorter than the request: the case stalls.
        var stalling = Few with { RequestTimeout = TimeSpan.FromMilliseconds(1) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PairedLatencyRunner.RunAsync(target.Urls.Http1, Case(dispose: true, Drain.Full) with { BodyBytes = 2 * 1024 * 1024 }, Case(dispose: true, Drain.Full), stalling));
    }
}
