using System.Text.RegularExpressions;
using LeakBench.Census;
using LeakBench.Reports;

namespace LeakBench.Tests.Reports;

/// <summary>
/// Every sentence template of <see cref="StudyFindings"/> against rows at the edges (nothing leaked, nothing left after
/// the GC, a GC that closed none, stalls with and without their details, failures, untimed rows): each number a
/// sentence states must be the row's own, and no sentence may say a GC closed what the row never had open.
/// </summary>
public sealed partial class StudyFindingsEdgeTests
{
    private static readonly int[] LeakedCounts = [0, 2, 998];

    public static TheoryData<string, CensusResult> Edges()
    {
        var data = new TheoryData<string, CensusResult>();
        var plain = ReportSamples.Census(opened: 1, peak: 1, leaked: 1, afterGc: 1, timeWait: 0, threads: 14, trajectory: [1, 1, 1, 1, 1]);
        foreach (var opened in new[] { 1, 30, 1000 })
        {
            foreach (var peak in new[] { 0, 1, 2, 998 })
            {
                foreach (var leaked in LeakedCounts.Where(l => l <= peak))
                {
                    foreach (var afterGc in new[] { 0, 2, 900 })
                    {
                        data.Add($"opened {opened}, peak {peak}, leaked {leaked}, after GC {afterGc}",
                            plain with { ConnectionsOpened = opened, PeakOpen = peak, Leaked = leaked, AfterGc = afterGc, TimeWait = opened - leaked });
                    }
                }
            }
        }

        foreach (var freed in new bool?[] { true, false, null })
        {
            foreach (var streams in new long?[] { null, 100 })
            {
                data.Add($"stall, GC frees it {freed}, streams {streams}",
                    plain with { Succeeded = 100, StalledAt = 101, StallMs = freed is null ? null : 30_000, GcFreesIt = freed, OpenStreams = streams });
            }
        }

        data.Add("fails", plain with { Succeeded = 917, FailedAt = 918, Failure = "SocketException: Too many open files", PeakOpen = 917, FdLimit = 1024, FdsBefore = 107 });
        data.Add("fails without fd figures", plain with { Succeeded = 5, FailedAt = 6, Failure = "HttpRequestException: refused", PeakOpen = 0 });
        return data;
    }

    [Theory]
    [MemberData(nameof(Edges))]
    public void A_finding_states_only_its_rows_numbers(string edge, CensusResult census)
    {
        var row = ReportSamples.Leaking with { Census = census };

        var sentence = StudyFindings.Of(row);

        Assert.False(string.IsNullOrWhiteSpace(sentence), edge);
        // A full GC closed something only when something was open after the settle and less was open after the GC.
        if (sentence.Contains("until a full GC closed them", StringComparison.Ordinal))
        {
            Assert.True(census.Leaked > 0 && census.AfterGc == 0, $"{edge}: {sentence}");
        }

        foreach (var n in Numbers(AllBut(), sentence))
        {
            Assert.True(n == census.AfterGc && n < census.Leaked, $"{edge}: {sentence}");
        }

        foreach (var n in Numbers(StillAfterSettle(), sentence))
        {
            Assert.True(n == census.Leaked && n > 0, $"{edge}: {sentence}");
        }

        Assert.All(Numbers(LeftEstablished(), sentence), n => Assert.Equal(census.Leaked, n));
        Assert.All(Numbers(AfterFullGc(), sentence), n => Assert.Equal(census.AfterGc, n));
        Assert.All(Numbers(OpenAtOnce(), sentence), n => Assert.Equal(census.PeakOpen, n));
        Assert.All(Numbers(FailedAt(), sentence), n => Assert.Equal(census.FailedAt, n));
        Assert.All(Numbers(StalledAt(), sentence), n => Assert.Equal(census.StalledAt, n));
        if (sentence.Contains("none was left ESTABLISHED", StringComparison.Ordinal))
        {
            Assert.Equal(0, census.Leaked);
        }

        Assert.Equal(census.OpenStreams is not null && census.StalledAt is not null, sentence.Contains("still in flight at the target", StringComparison.Ordinal));
        Assert.Equal(census.GcFreesIt == true, sentence.Contains("the next request succeeded", StringComparison.Ordinal));
        Assert.Equal(census.GcFreesIt == false && census.StalledAt is not null, sentence.Contains("the next request stalled too", StringComparison.Ordinal));
    }

    [Fact]
    public void Untimed_rows_and_rows_without_a_ratio_are_never_quoted_with_one()
    {
        var stalled = ReportSamples.Leaking with
        {
            NotTimed = "not timed, on purpose: the census stalled at request 101 until the request timeout",
            Census = ReportSamples.Leaking.Census with { StalledAt = 101, GcFreesIt = true, Latency = null },
        };
        var noRatio = ReportSamples.Reused with { Census = ReportSamples.Reused.Census with { Latency = new Pairing.PairedLatency { IsAa = false, Pairs = 3, Seconds = 6, SocketBoundGcs = 0, Failure = "too few pairs" } } };
        var rows = new[] { ReportSamples.Baseline, noRatio, stalled };

        Assert.Contains("no case has a paired latency ratio", StudyFindings.Costs(rows, rows), StringComparison.Ordinal);
        Assert.Equal("Against their baselines 2 cases read: 1 without a ratio, and 1 not timed on purpose (a stall or a failure is their result).", Assert.Single(StudyFindings.Latency(rows)));
    }

    private static IEnumerable<int> Numbers(Regex pattern, string sentence) =>
        pattern.Matches(sentence).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex(@"closed all but (\d+)")]
    private static partial Regex AllBut();

    [GeneratedRegex(@"(\d+) still ESTABLISHED after the settle")]
    private static partial Regex StillAfterSettle();

    [GeneratedRegex(@"(\d+) left ESTABLISHED")]
    private static partial Regex LeftEstablished();

    [GeneratedRegex(@"(\d+) (?:were still ESTABLISHED )?after (?:a|the) full GC")]
    private static partial Regex AfterFullGc();

    [GeneratedRegex(@"up to (\d+) were open at once")]
    private static partial Regex OpenAtOnce();

    [GeneratedRegex(@"failed at request (\d+)")]
    private static partial Regex FailedAt();

    [GeneratedRegex(@"stalled at request (\d+)")]
    private static partial Regex StalledAt();
}
