namespace LeakBench.Reports;

/// <summary>A case's census allocations against its group's baseline's (<see cref="Census.CensusResult.AllocatedBytesPerRequest"/>): same instruments on both sides.</summary>
public static class CensusAllocations
{
    /// <summary>Census bytes per request over the baseline's; null without a baseline, or a figure missing or zero there.</summary>
    public static double? Ratio(StudyRow row, IReadOnlyList<StudyRow> rows) =>
        row.Census.AllocatedBytesPerRequest is { } mine && AaCheck.GroupBaseline(row, rows)?.Census.AllocatedBytesPerRequest is > 0 and var baseline
            ? mine / baseline
            : null;

    /// <summary>Census gen0 collections per 1,000 requests over the baseline's; null without a baseline or with none there.</summary>
    public static double? Gen0Ratio(StudyRow row, IReadOnlyList<StudyRow> rows) =>
        AaCheck.GroupBaseline(row, rows)?.Census.Gen0Per1k is > 0 and var baseline ? row.Census.Gen0Per1k / baseline : null;
}
