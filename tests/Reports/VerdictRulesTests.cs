using LeakBench.Census;
using LeakBench.Reports;

namespace LeakBench.Tests.Reports;

/// <summary>Known answers for the verdict thresholds at the smallest (100) and largest (5,000) census.</summary>
public sealed class VerdictRulesTests
{
    [Theory]
    // One pooled connection: reuse at any size; two at 100 requests is 20 per 1,000, no longer reuse but a replaced connection.
    [InlineData(100, 1, 1, 1, Verdict.ReusesConnection)]
    [InlineData(5000, 1, 1, 1, Verdict.ReusesConnection)]
    [InlineData(5000, 50, 1, 1, Verdict.ReusesConnection)]
    [InlineData(100, 2, 1, 1, Verdict.ReplacesConnection)]
    // A connection per request, all left ESTABLISHED: a leak that a full GC closes, or not.
    [InlineData(100, 100, 100, 0, Verdict.LeaksUntilGc)]
    [InlineData(5000, 5000, 4998, 0, Verdict.LeaksUntilGc)]
    [InlineData(5000, 5000, 4998, 10, Verdict.LeaksUntilGc)]
    [InlineData(5000, 5000, 4998, 11, Verdict.LeaksPastGc)]
    [InlineData(100, 100, 100, 3, Verdict.LeaksPastGc)]
    // Gen0 collections during the census already closed most leaks: a tenth still counts, and at 5,000 requests 50 do
    // (the GC budget, not N, sets how many pile up: 101 to 231 in the published run).
    [InlineData(5000, 5000, 500, 0, Verdict.LeaksUntilGc)]
    [InlineData(5000, 5000, 101, 0, Verdict.LeaksUntilGc)]
    [InlineData(5000, 5000, 50, 0, Verdict.LeaksUntilGc)]
    [InlineData(5000, 5000, 49, 0, Verdict.Mixed)]
    [InlineData(100, 100, 10, 0, Verdict.LeaksUntilGc)]
    [InlineData(100, 100, 9, 0, Verdict.Mixed)]
    // A connection per request, nothing left: closes every time (the idle allowance is 2, or 0.2% of 5,000).
    [InlineData(100, 100, 0, 0, Verdict.ClosesEveryTime)]
    [InlineData(100, 100, 2, 0, Verdict.ClosesEveryTime)]
    [InlineData(100, 100, 3, 0, Verdict.Mixed)]
    [InlineData(5000, 4500, 10, 0, Verdict.ClosesEveryTime)]
    [InlineData(5000, 4499, 0, 0, Verdict.Mixed)]
    public void Verdict_follows_the_thresholds(int requests, int opened, int leaked, int afterGc, Verdict expected)
    {
        var census = ReportSamples.Census(opened, peak: leaked, leaked, afterGc, timeWait: 0, threads: 14, trajectory: [leaked], requests: requests);

        Assert.Equal(expected, VerdictRules.Of(census));
    }

    [Theory]
    // GCs during the census closed the leaked connections before the settle count: the peak still shows the leak.
    [InlineData(1000, 1000, 501, 1, 0, Verdict.LeaksUntilGc)]
    [InlineData(1000, 1000, 501, 0, 0, Verdict.LeaksUntilGc)]
    [InlineData(5000, 5000, 600, 7, 0, Verdict.LeaksUntilGc)]
    // Closed every time: nothing was ever held, or only the sockets still closing when the table was read.
    [InlineData(1000, 1000, 0, 0, 0, Verdict.ClosesEveryTime)]
    [InlineData(1000, 1000, 8, 0, 0, Verdict.ClosesEveryTime)]
    public void A_leak_shows_in_the_peak_even_when_GCs_closed_it_before_the_count(int requests, int opened, int peak, int leaked, int afterGc, Verdict expected)
    {
        var census = ReportSamples.Census(opened, peak, leaked, afterGc, timeWait: 0, threads: 14, trajectory: [peak, leaked], requests: requests);

        Assert.Equal(expected, VerdictRules.Of(census));
    }

    [Theory]
    // HTTP/2: one connection (or one per 100 streams), requests still in flight at the target: streams held, not sockets.
    [InlineData(500, 1, 42, Verdict.HoldsStreams)]
    [InlineData(250, 3, 250, Verdict.HoldsStreams)]
    // The idle allowance (2 at 500 requests): one stream still finishing is not a leak.
    [InlineData(500, 1, 2, Verdict.ReusesConnection)]
    public void Streams_in_flight_at_the_end_are_held_streams(int requests, int opened, long openStreams, Verdict expected)
    {
        var census = ReportSamples.Census(opened, peak: opened, leaked: opened, afterGc: 0, timeWait: 0, threads: 14, trajectory: [opened], requests: requests) with { OpenStreams = openStreams, ClientOpenStreams = openStreams };

        Assert.Equal(expected, VerdictRules.Of(census));
        Assert.StartsWith(expected == Verdict.HoldsStreams ? $"holds {openStreams} streams open on {opened} connection" : "reuses", VerdictRules.Describe(census), StringComparison.Ordinal);
    }

    [Fact]
    public void Http11_responses_still_draining_at_the_target_are_not_held_streams()
    {
        // 1022 KiB, disposed unread: 5 connections, 3 responses still being drained when the sending stopped; no client stream count.
        var census = ReportSamples.Census(5, peak: 3, leaked: 3, afterGc: 3, timeWait: 0, threads: 14, trajectory: [3], requests: 500) with { OpenStreams = 3 };

        Assert.NotEqual(Verdict.HoldsStreams, VerdictRules.Of(census));
    }

    [Fact]
    public void A_socket_leak_with_requests_in_flight_is_still_a_leak_of_connections()
    {
        // HTTP/1.1, 2 MiB unread: the target is still writing every leaked response, and every one holds a socket.
        var census = ReportSamples.Census(1000, peak: 900, leaked: 900, afterGc: 0, timeWait: 0, threads: 14, trajectory: [900]) with { OpenStreams = 900 };

        Assert.Equal(Verdict.LeaksUntilGc, VerdictRules.Of(census));
    }

    [Theory]
    // A pooled connection lifetime: a handful of connections, never more than one open.
    [InlineData(250, 4, 1, Verdict.ReplacesConnection)]
    [InlineData(1000, 99, 2, Verdict.ReplacesConnection)]
    // One new connection per ten requests or more is no longer a replaced connection.
    [InlineData(1000, 100, 2, Verdict.Mixed)]
    // More open at once than a pool's idle allowance: not a replacement.
    [InlineData(250, 4, 3, Verdict.Mixed)]
    public void A_connection_replaced_now_and_then_is_its_own_verdict(int requests, int opened, int peak, Verdict expected)
    {
        var census = ReportSamples.Census(opened, peak, leaked: 1, afterGc: 0, timeWait: opened - 1, threads: 14, trajectory: [peak], requests: requests);

        Assert.Equal(expected, VerdictRules.Of(census));
    }

    [Theory]
    // 16 callers through a limit of 10: ten pooled connections for 250 requests (40 per 1,000), all ten idle at the end.
    [InlineData(16, 10, 10, 10, Verdict.ReusesConnection)]
    [InlineData(16, null, 16, 16, Verdict.ReusesConnection)]
    // One caller may keep one: ten connections for 250 requests is no longer reuse.
    [InlineData(1, 10, 10, 10, Verdict.Mixed)]
    public void Concurrent_callers_pool_one_connection_each_up_to_the_limit(int callers, int? maxConnections, int opened, int idle, Verdict expected)
    {
        var census = ReportSamples.Census(opened, peak: idle, leaked: idle, afterGc: idle, timeWait: 0, threads: 14, trajectory: [idle], requests: 250)
            with { Callers = callers, MaxConnections = maxConnections };

        Assert.Equal(expected, VerdictRules.Of(census));
    }

    [Fact]
    public void Rates_are_per_successful_request()
    {
        // 20 connections for 100 successes of 2,000 requests is 200 per 1,000: not reuse although 20 < 2,000 / 100.
        var census = ReportSamples.Census(20, 0, 0, 0, 0, 14, [0], requests: 2000) with { Succeeded = 100 };

        Assert.Equal(Verdict.Mixed, VerdictRules.Of(census));
    }

    [Fact]
    public void A_census_without_a_successful_request_has_no_verdict()
    {
        CensusResult census = ReportSamples.Census(0, 0, 0, 0, 0, 14, [0]) with { Succeeded = 0 };

        var error = Assert.Throws<ArgumentException>(() => VerdictRules.Of(census));
        Assert.Contains("zero successful requests is an error", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100, 2, 10)]
    [InlineData(250, 2, 25)]
    // From 500 requests on, the threshold stays at LeakMinSockets (50): the GC budget, not N, bounds the pile.
    [InlineData(1000, 2, 50)]
    [InlineData(5000, 10, 50)]
    public void Allowance_and_leak_threshold_scale_with_the_census(int succeeded, int allowance, int leak)
    {
        Assert.Equal(allowance, VerdictRules.IdleAllowance(succeeded));
        Assert.Equal(leak, VerdictRules.LeakThreshold(succeeded));
    }
}
