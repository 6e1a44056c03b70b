namespace LeakBench.Reports.Charts;

/// <summary>
/// A verdict as one word for a heatmap cell ("reuse", "leak→GC", "close"). A new verdict adds its word here; a word
/// may take a number from the row (a stall or a failure says at which request, e.g. "stall@101").
/// </summary>
public static class VerdictWords
{
    public static string Of(StudyRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Verdict switch
        {
            Verdict.ReusesConnection => "reuse",
            Verdict.LeaksUntilGc => "leak→GC",
            Verdict.LeaksPastGc => "leak past GC",
            Verdict.ClosesEveryTime => "close",
            Verdict.Mixed => "mixed",
            Verdict.FailsAtRequest => $"fail@{row.Census.FailedAt}",
            Verdict.StallsGcFreesIt => $"stall@{row.Census.StalledAt}→GC",
            Verdict.StallsGcDoesNotFreeIt => $"stall@{row.Census.StalledAt}",
            Verdict.HoldsStreams => $"{row.Census.OpenStreams} streams",
            Verdict.ReplacesConnection => "replace",
            // A verdict without a word yet still names itself rather than leaving its cell blank.
            var other => other.Text(),
        };
    }
}
