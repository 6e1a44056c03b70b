using LeakBench.Reports;
using LeakBench.Reports.Charts;

namespace LeakBench.Tests.Reports;

/// <summary>Every verdict has a word for the headline matrix, and no two verdicts share one.</summary>
public sealed class VerdictWordsTests
{
    [Fact]
    public void Every_verdict_has_its_own_short_word()
    {
        var words = Enum.GetValues<Verdict>().Select(v => VerdictWords.Of(RowWith(v))).ToList();

        Assert.Equal(words.Count, words.Distinct(StringComparer.Ordinal).Count());
        Assert.All(words, w => Assert.InRange(w.Length, 1, 14));
        Assert.Equal("reuse", VerdictWords.Of(ReportSamples.Reused));
        Assert.Equal("leak→GC", VerdictWords.Of(ReportSamples.Leaking));
        Assert.Equal("close", VerdictWords.Of(ReportSamples.Closing));
    }

    // A census per verdict, by VerdictRules' thresholds at 1,000 requests.
    private static StudyRow RowWith(Verdict verdict)
    {
        var census = verdict switch
        {
            Verdict.ReusesConnection => ReportSamples.Reused.Census,
            Verdict.LeaksUntilGc => ReportSamples.Leaking.Census,
            Verdict.LeaksPastGc => ReportSamples.Leaking.Census with { AfterGc = 998 },
            Verdict.ClosesEveryTime => ReportSamples.Closing.Census,
            Verdict.Mixed => ReportSamples.Reused.Census with { ConnectionsOpened = 500, PeakOpen = 5, Leaked = 5 },
            Verdict.FailsAtRequest => ReportSamples.Leaking.Census with { FailedAt = 1017, Failure = "SocketException: Too many open files" },
            Verdict.StallsGcFreesIt => ReportSamples.Reused.Census with { StalledAt = 101, GcFreesIt = true },
            Verdict.StallsGcDoesNotFreeIt => ReportSamples.Reused.Census with { StalledAt = 101, GcFreesIt = false },
            Verdict.HoldsStreams => ReportSamples.Reused.Census with { OpenStreams = 42, ClientOpenStreams = 42 },
            Verdict.ReplacesConnection => ReportSamples.Reused.Census with { ConnectionsOpened = 20 },
            _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "a verdict this test does not know: add a census for it"),
        };
        var row = ReportSamples.Reused with { Census = census };
        Assert.Equal(verdict, row.Verdict);
        return row;
    }
}
