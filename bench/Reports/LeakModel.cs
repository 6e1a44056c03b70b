using LeakBench.Census;

namespace LeakBench.Reports;

/// <summary>
/// How many leaked connections pile up before a GC closes them, predicted from outside the case: a leaked connection
/// stays open until the GC that finalizes it, and a gen0 GC comes every gen0 budget of allocation, so the peak is about
/// the budget ÷ the bytes each request allocates. The budget is the one measured on the group's baseline (same class,
/// parameters, GC setting and runtime), never the case's own, so that the prediction is not a restatement of the case's
/// GC count: the <see cref="Gen0BudgetProbe"/> its census process ran after the census (bytes allocated per gen0 GC over
/// three whole budgets of short-lived arrays), or, in files from before the probe, its census's own GCs (<see cref="Budget"/>).
/// </summary>
/// <remarks>
/// Where it cannot hold: bodies of 85,000 bytes or more allocated per request go to the large object heap, whose own
/// budget triggers gen2 GCs that gen0's does not predict; and a budget that grows during the leak (the GC raises gen0's
/// budget when many objects survive, as finalizable ones do) lets more pile up than the baseline's budget says.
/// </remarks>
public static class LeakModel
{
    /// <summary>The prediction holds when it is within 25% of the measured peak (the criterion).</summary>
    public const double Tolerance = 0.25;

    /// <summary>Objects of this size or more go to the large object heap (the runtime's LOH threshold).</summary>
    public const long LargeObjectBytes = 85_000;

    /// <summary>
    /// A case's own budget more than this over its baseline's counts as a grown budget (the same 25% as the tolerance:
    /// a growth that alone would move the prediction out of it).
    /// </summary>
    public const double BudgetGrowth = 1 + Tolerance;

    /// <summary>Bytes the census's requests allocated each (whole process, issue 19's figure); null without an allocation figure.</summary>
    public static double? BytesPerRequest(CensusResult census)
    {
        ArgumentNullException.ThrowIfNull(census);
        return census.AllocatedBytesPerRequest;
    }

    /// <summary>
    /// Whether the model applies to the row: it leaks a connection per request and holds them until a GC (or fails
    /// when they reach the fd limit), and its census saw gen0 GCs.
    /// </summary>
    public static bool Applies(StudyRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var c = row.Census;
        var leaks = row.Verdict is Verdict.LeaksUntilGc or Verdict.LeaksPastGc
            || (row.Verdict == Verdict.FailsAtRequest && c.ConnectionsPer1k >= VerdictRules.CloseMinConnectionsPer1k);
        return leaks && !row.IsBaseline && c.Gen0 > 0;
    }

    /// <summary>
    /// A census's gen0 budget: the bytes allocated between its first and its last GC ÷ the GCs between them (requests
    /// between the two × bytes per request), the whole budgets it saw. Not the stretch before the first GC: the census
    /// begins part-way into a budget (its setup allocates after its own forced GC), so counting it in made the
    /// baseline's budget too small (measured in the published run of 2026-12-03: an 8 MiB gen0size baseline with GCs
    /// after requests 148, 3,729 and 7,295 gave 5.71 MB up to the last GC ÷ 3, against 8.39 MB for the two whole
    /// budgets, while its leak met a GC every ~530 requests, 8.05 MB). Nor the stretch after the last GC, which is
    /// unfinished. With a single GC, the allocation up to it; without GC events (files from before them), the census's
    /// own <see cref="CensusResult.Gen0Budget"/>; null when it saw no GC.
    /// </summary>
    public static long? Budget(CensusResult census)
    {
        ArgumentNullException.ThrowIfNull(census);
        if (census.GcEvents is not { Count: > 0 } events || census.AllocatedBytesPerRequest is not double perRequest)
        {
            return census.Gen0Budget;
        }

        return events.Count == 1
            ? (long)Math.Round(events[0].Request * perRequest)
            : (long)Math.Round((events[^1].Request - events[0].Request) * perRequest / (events.Count - 1));
    }

    /// <summary>
    /// A baseline's gen0 budget: its probe's (<see cref="CensusResult.Gen0BudgetProbeBytes"/>), measured over whole budgets
    /// whatever the baseline allocates per request; else, in files from before the probe, its census's (<see cref="Budget"/>).
    /// </summary>
    public static long? BaselineBudgetOf(CensusResult baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        return baseline.Gen0BudgetProbeBytes ?? Budget(baseline);
    }

    /// <summary>The gen0 budget of the row's group baseline (<see cref="BaselineBudgetOf"/>); null when the group has none or its baseline has no budget.</summary>
    public static long? BaselineBudget(StudyRow row, IReadOnlyList<StudyRow> rows) => AaCheck.GroupBaseline(row, rows)?.Census is { } baseline ? BaselineBudgetOf(baseline) : null;

    /// <summary>The baseline's budget ÷ the row's bytes per request; null where the model does not apply or a figure is missing.</summary>
    public static double? PredictedPeak(StudyRow row, IReadOnlyList<StudyRow> rows) =>
        Applies(row) && BaselineBudget(row, rows) is long budget && BytesPerRequest(row.Census) is double perRequest && perRequest > 0
            ? budget / perRequest
            : null;

    /// <summary>True when the prediction is within <see cref="Tolerance"/> of the measured peak; null without a prediction.</summary>
    public static bool? Holds(StudyRow row, IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(row);
        return PredictedPeak(row, rows) is double predicted && row.Census.PeakOpen > 0
            ? Math.Abs(predicted - row.Census.PeakOpen) <= Tolerance * row.Census.PeakOpen
            : null;
    }

    /// <summary>Why the model may not hold for the row, in words ("" when nothing is known against it).</summary>
    public static string Caveat(StudyRow row, IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(row);
        var reasons = new List<string>();
        if (row.Case.BodyBytes >= LargeObjectBytes && row.Case.Completion == HttpCompletionOption.ResponseContentRead)
        {
            reasons.Add("buffers a large-object-heap body per request: the LOH budget brings gen2 GCs");
        }

        if (Budget(row.Census) is long own && BaselineBudget(row, rows) is long baseline && own > BudgetGrowth * baseline)
        {
            reasons.Add($"its budget grew to {ReportFormat.Bytes(own)} (baseline {ReportFormat.Bytes(baseline)}) as finalizable objects survived");
        }

        if (row.Census.FdLimit is int limit && row.Census.FailedAt is not null)
        {
            reasons.Add($"the fd limit ({ReportFormat.Count(limit)}) ended it before the GC would have");
        }

        return string.Join("; ", reasons);
    }

    /// <summary>
    /// The gen0 budget at which a leak of <paramref name="bytesPerRequest"/> per request reaches <paramref name="fdLimit"/>
    /// open sockets before its first GC: the limit × the bytes per request.
    /// </summary>
    public static double BudgetToReach(int fdLimit, double bytesPerRequest) => fdLimit * bytesPerRequest;
}
