using LeakBench.Census;
using LeakBench.Diagnostics;
using LeakBench.Reports;
using LeakBench.Tests.Reports;

namespace LeakBench.Tests.Limits;

/// <summary>The verdicts, CSV columns and summary metrics of a census that failed or stalled (issue 10).</summary>
public sealed class WhereItBreaksReportTests
{
    private static CensusResult Leaking => ReportSamples.Census(opened: 1000, peak: 998, leaked: 998, afterGc: 0, timeWait: 0, threads: 15, trajectory: [998]);

    [Fact]
    public void A_failed_request_is_the_verdict_with_its_number_and_OS_error()
    {
        var census = Leaking with { Succeeded = 1016, FailedAt = 1017, Failure = "SocketException: Too many open files", FdLimit = 1024, FdsBefore = 31 };

        Assert.Equal(Verdict.FailsAtRequest, VerdictRules.Of(census));
        Assert.Equal("fails at request 1017 (Too many open files)", VerdictRules.Describe(census));
    }

    [Theory]
    [InlineData(true, Verdict.StallsGcFreesIt, "stalls at request 101 until the timeout; a GC frees it")]
    [InlineData(false, Verdict.StallsGcDoesNotFreeIt, "stalls at request 101 until the timeout; a GC does not free it")]
    public void A_stall_is_the_verdict_with_its_number_and_whether_a_GC_frees_it(bool freed, Verdict expected, string text)
    {
        var census = Leaking with { Succeeded = 100, ConnectionsOpened = 1, StalledAt = 101, StallMs = 2003, GcFreesIt = freed, OpenStreams = 100 };

        Assert.Equal(expected, VerdictRules.Of(census));
        Assert.Equal(text, VerdictRules.Describe(census));
    }

    [Fact]
    public void A_census_that_neither_failed_nor_stalled_keeps_its_verdict()
    {
        Assert.Equal("leaks until GC", VerdictRules.Describe(Leaking));
        Assert.Null(NotTimedOnPurposeException.ReasonFor(Leaking));
    }

    [Fact]
    public void Stalled_and_failed_censuses_are_not_timed_on_purpose_with_their_reason()
    {
        Assert.Equal("not timed, on purpose: the census stalled at request 11 until the request timeout",
            NotTimedOnPurposeException.ReasonFor(Leaking with { StalledAt = 11, GcFreesIt = true }));
        Assert.Contains("failed at request 7 (SocketException: Too many open files)",
            NotTimedOnPurposeException.ReasonFor(Leaking with { FailedAt = 7, Failure = "SocketException: Too many open files" }), StringComparison.Ordinal);
    }

    [Fact]
    public void The_new_CSV_columns_are_snake_case_and_empty_where_they_do_not_apply()
    {
        string[] added = ["failed_at", "failure", "stalled_at", "stall_ms", "gc_frees_it", "fd_limit", "fds_before", "gc_config", "gen0_budget", "max_connections", "callers", "open_streams"];
        Assert.All(added, c => Assert.Contains(c, StudyCsvWriter.Columns));

        var row = ReportSamples.Rows[0];
        var stalled = row with { Census = row.Census with { StalledAt = 101, StallMs = 2001.5, GcFreesIt = true, OpenStreams = 100 }, NotTimed = "not timed, on purpose: x" };
        var csv = CsvTable.Parse(StudyCsvWriter.Write([row, stalled]))!;
        string Cell(int line, string column) => csv.Field(csv.Records[line - 1], column);

        Assert.Equal("", Cell(1, "stalled_at"));
        Assert.Equal("", Cell(1, "gc_frees_it"));
        Assert.Equal("101", Cell(2, "stalled_at"));
        Assert.Equal("2001.5", Cell(2, "stall_ms"));
        Assert.Equal("true", Cell(2, "gc_frees_it"));
        Assert.Equal("100", Cell(2, "open_streams"));
        Assert.Equal("", Cell(2, "mean_ns")); // not timed: no BenchmarkDotNet mean
        Assert.Equal("stalls at request 101 until the timeout; a GC frees it", Cell(2, "verdict"));
    }

    [Fact]
    public void New_metrics_have_new_ids_and_appear_only_where_they_apply()
    {
        var oldIds = CensusMetric.All.Select(m => m.Id).ToHashSet();
        Assert.All(CensusMetric.WhereItBreaks, m => Assert.DoesNotContain(m.Metric.Id, oldIds));

        var plain = CensusMetric.From(Leaking).Select(m => m.Descriptor.Id).ToList();
        Assert.DoesNotContain("LeakBench.StalledAt", plain);

        var stalled = CensusMetric.From(Leaking with { StalledAt = 101, GcFreesIt = false }).ToDictionary(m => m.Descriptor.Id, m => m.Value);
        Assert.Equal(101, stalled["LeakBench.StalledAt"]);
        Assert.Equal(0, stalled["LeakBench.GcFreesIt"]);
    }
}
