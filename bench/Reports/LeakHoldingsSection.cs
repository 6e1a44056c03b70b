using System.Text;
using LeakBench.Census;

namespace LeakBench.Reports;

/// <summary>
/// The report's section on what a leak holds, and when it runs out (issue 21): per leaking case, the bytes its open
/// connections kept queued in the kernel on both ends, the managed bytes the forced GC kept for finalization and the
/// target's memory, each beside its group baseline's; then the model (peak ≈ the baseline's gen0 budget ÷ bytes per
/// request) against the measured peak, and the budget at which each leak reaches an fd limit of 1,024 and 65,536.
/// Written only for runs whose censuses measured what the connections hold.
/// </summary>
public static class LeakHoldingsSection
{
    /// <summary>The fd limits of the "when it runs out" table: a common default hard limit, and a common raised one.</summary>
    public static readonly IReadOnlyList<int> FdLimits = [1024, 65536];

    /// <summary>The model is judged on rows whose census saw at least this many gen0 GCs: with fewer, the peak is one climb, not a rhythm.</summary>
    public const int MinGen0ForCheck = 3;

    /// <summary>Whether the row's connections held something the section reports: a verdict that keeps connections or streams open.</summary>
    public static bool Applies(StudyRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return !row.IsBaseline && row.Verdict is Verdict.LeaksUntilGc or Verdict.LeaksPastGc or Verdict.FailsAtRequest
            or Verdict.StallsGcFreesIt or Verdict.StallsGcDoesNotFreeIt or Verdict.HoldsStreams;
    }

    /// <summary>Whether the run measured holdings at all (a run from before issue 21 did not).</summary>
    public static bool Measured(IReadOnlyList<StudyRow> rows) =>
        rows.Any(r => r.Census.GcPromotedBytes is not null || r.Census.ClientQueuedBytes is not null);

    public static void Write(StringBuilder md, IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(rows);
        var leaking = rows.Where(Applies).ToList();
        if (!Measured(rows) || leaking.Count == 0)
        {
            return;
        }

        md.Append("## What a leak holds\n\n");
        md.Append(Answer(leaking)).Append("\n\n");
        md.Append("Until the GC finalizes it, a leaked connection holds memory in three places. In the kernel, on both ends: what the client has not read " +
                  "sits in its receive queue and what the target wrote but the client has not acknowledged in the target's send queue (`/proc/net/tcp`'s " +
                  "`tx_queue:rx_queue`, read at the end of the requests and, where that shows bytes, again after the client's delayed ACK (200 ms), keeping the " +
                  "second: no GC runs until the forced one, so a leak's bytes stay; the machine's `tcp_rmem`/`tcp_wmem` in the environment block bound it; " +
                  "\"n/a\" with the portable source or a target on another machine). On the managed heap: the forced full GC after the settle finds the " +
                  "connection finalizable and keeps it one collection longer (bytes it promoted minus the next full GC's, after the finalizers, per connection " +
                  "it closed). And in the target: its in-flight requests and memory (its `/stats`, at the start and when the sending stopped). " +
                  "Each figure is shown beside the group baseline's.\n\n");
        md.Append(MarkdownTable.Write(
        [
            new("Case"), new("Runtime"), new("Open", true), new("Queued, client", true), new("Queued, target", true), new("Per open conn", true),
            new("Baseline per conn", true), new("Kept by the GC", true), new("Finalizable", true), new("Per leaked conn", true), new("Baseline kept", true),
            new("Target in flight", true), new("Target heap +", true), new("Target working set +", true),
        ],
        leaking.Select(row =>
        {
            var c = row.Census;
            var b = AaCheck.GroupBaseline(row, rows)?.Census;
            return (IReadOnlyList<string>)
            [
                $"{row.Benchmark}.{row.Method}: {row.Case.Label}",
                row.Runtime.Moniker,
                Count(c.QueuedOpenSockets),
                Bytes(c.ClientQueuedBytes),
                Bytes(c.ServerQueuedBytes),
                Bytes(c.QueuedBytesPerOpenConnection),
                Bytes(b?.QueuedBytesPerOpenConnection),
                Bytes(c.GcPromotedBytes),
                Count(c.FinalizableObjects),
                Bytes(c.PromotedBytesPerLeaked),
                Bytes(b?.GcPromotedBytes),
                Count(c.OpenStreams),
                Growth(c.TargetGcHeapBytesBefore, c.TargetGcHeapBytes),
                Growth(c.TargetWorkingSetBytesBefore, c.TargetWorkingSetBytes),
            ];
        })));
        md.Append('\n');
        var interrupted = leaking.Where(r => r.Census.GcAfterRequests == true).ToList();
        if (interrupted.Count > 0)
        {
            // The census keeps GCs away from the end of the requests to its forced GC (GcFreeWindow); where one came anyway, say so.
            md.Append("A GC came between the end of the requests and the forced GC (the census keeps them away; the runtime did not) in " +
                      string.Join("; ", interrupted.Select(r => $"{r.Benchmark}.{r.Method}: {r.Case.Label} ({r.Runtime.Moniker})")) +
                      ": its leak after the settle and what the forced GC kept miss the connections that GC closed.\n\n");
        }

        WhenItRunsOut(md, rows, leaking);
    }

    private static void WhenItRunsOut(StringBuilder md, IReadOnlyList<StudyRow> rows, IReadOnlyList<StudyRow> leaking)
    {
        var modelled = leaking.Where(LeakModel.Applies).ToList();
        if (modelled.Count == 0)
        {
            return;
        }

        md.Append("### When it runs out\n\n");
        md.Append("Leaked connections pile up until a GC finalizes them, so the peak is about the gen0 budget ÷ the bytes each request allocates. " +
                  "The prediction takes the budget measured on the group's baseline (same GC setting), not the case's own: in the baseline's process, after its " +
                  $"census, a probe allocates short-lived {ReportFormat.Count(Gen0BudgetProbe.ArrayBytes)}-byte arrays and divides the bytes allocated between its first gen0 GC and its {Gen0BudgetProbe.WholeBudgets + 1}th " +
                  $"by those {Gen0BudgetProbe.WholeBudgets} whole budgets (a baseline's census, a few KB per request, sees too few GCs to measure it; in runs from before the " +
                  "probe, the census's bytes between its first and last gen0 GC ÷ the GCs between them). " +
                  $"It holds where it is within ±{ReportFormat.Percent(LeakModel.Tolerance)} of the measured peak. It cannot hold where each request buffers a body " +
                  $"of {ReportFormat.Count(LeakModel.LargeObjectBytes)} bytes or more (the large object heap's own budget brings gen2 GCs), nor where the budget grows " +
                  "as finalizable objects survive; the last column names those. To reach an fd limit before its first GC, a leak needs a budget of the limit × " +
                  "its bytes per request; the GC settings measured here that give at least that budget (their baselines' budgets) are named.\n\n");
        var budgets = MeasuredBudgets(rows);
        md.Append(MarkdownTable.Write(
        [
            new("Case"), new("Runtime"), new("Bytes per request", true), new("Baseline's budget", true), new("Predicted peak", true), new("Measured peak", true),
            new("Holds"), .. FdLimits.Select(l => new MarkdownColumn($"Budget for {ReportFormat.Count(l)} fds", true)),
            .. FdLimits.Select(l => new MarkdownColumn($"Settings reaching {ReportFormat.Count(l)}")), new("Why it may not hold"),
        ],
        modelled.Select(row =>
        {
            var perRequest = LeakModel.BytesPerRequest(row.Census) ?? 0;
            var needed = FdLimits.Select(l => LeakModel.BudgetToReach(l, perRequest)).ToList();
            return (IReadOnlyList<string>)
            [
                $"{row.Benchmark}.{row.Method}: {row.Case.Label}",
                row.Runtime.Moniker,
                ReportFormat.Bytes(perRequest),
                Bytes(LeakModel.BaselineBudget(row, rows)),
                LeakModel.PredictedPeak(row, rows) is double p ? ReportFormat.Count((long)Math.Round(p)) : "n/a",
                ReportFormat.Count(row.Census.PeakOpen),
                LeakModel.Holds(row, rows) is bool holds ? (holds ? "yes" : "**no**") : "n/a",
                .. needed.Select(n => ReportFormat.Bytes(n)),
                .. needed.Select(n => Reaching(budgets, row.Runtime.Moniker, n)),
                LeakModel.Caveat(row, rows),
            ];
        })));
        md.Append('\n');

        var judged = modelled.Where(r => r.Census.Gen0 >= MinGen0ForCheck && LeakModel.Holds(r, rows) is not null).ToList();
        if (judged.Count > 0)
        {
            var failed = judged.Where(r => LeakModel.Holds(r, rows) == false).ToList();
            md.Append($"Of the {ReportFormat.Count(judged.Count)} leaking rows whose census saw {MinGen0ForCheck} or more gen0 GCs, the prediction held for " +
                      $"{ReportFormat.Count(judged.Count - failed.Count)}");
            md.Append(failed.Count == 0
                ? ".\n\n"
                : "; not for " + string.Join("; ", failed.Select(r => $"{r.Benchmark}.{r.Method}: {r.Case.Label} ({r.Runtime.Moniker})")) + ".\n\n");
        }
    }

    /// <summary>
    /// The .NET answer to the seed article's last question, "does it become a memory leak?", from the rows: whether the
    /// forced full GC closed the leaked connections, and the most one leaked connection held until it did.
    /// </summary>
    public static string Answer(IReadOnlyList<StudyRow> leaking)
    {
        ArgumentNullException.ThrowIfNull(leaking);
        var gcLeaks = leaking.Where(r => r.Verdict is Verdict.LeaksUntilGc or Verdict.LeaksPastGc).ToList();
        var pastGc = gcLeaks.Count(r => r.Verdict == Verdict.LeaksPastGc);
        var kernel = leaking.Select(r => r.Census.QueuedBytesPerOpenConnection).Where(v => v is not null).DefaultIfEmpty(null).Max();
        var managed = leaking.Select(r => r.Census.PromotedBytesPerLeaked).Where(v => v is not null).DefaultIfEmpty(null).Max();
        var gc = gcLeaks.Count == 0
            ? "no case here left connections open until a GC"
            : pastGc == 0
                ? $"not for good: the forced full GC closed the leaked connections of every case that leaked them ({ReportFormat.Count(gcLeaks.Count)})"
                : $"yes in {ReportFormat.Count(pastGc)} of {ReportFormat.Count(gcLeaks.Count)} cases that leaked connections: they stayed open past a forced full GC";
        return $"**Does it become a memory leak (.NET)?** {char.ToUpperInvariant(gc[0])}{gc[1..]}. Until the GC closes it, one leaked connection held " +
               $"up to {Bytes(kernel)} queued in the kernel (both ends) and {Bytes(managed)} of managed objects kept past the GC for finalization; " +
               "how many pile up before that GC is the subject of \"When it runs out\" below.";
    }

    /// <summary>Every GC setting's budget as its baselines measured it, per runtime: the largest baseline budget of that setting.</summary>
    private static Dictionary<(string Runtime, string Gc), long> MeasuredBudgets(IReadOnlyList<StudyRow> rows) =>
        rows.Where(r => r.IsBaseline && LeakModel.BaselineBudgetOf(r.Census) is not null && r.Census.GcConfig is not null)
            .GroupBy(r => (r.Runtime.Moniker, r.Census.GcConfig!))
            .ToDictionary(g => g.Key, g => g.Max(r => LeakModel.BaselineBudgetOf(r.Census)!.Value));

    private static string Reaching(Dictionary<(string Runtime, string Gc), long> budgets, string runtime, double needed)
    {
        var reaching = budgets.Where(b => b.Key.Runtime == runtime && b.Value >= needed).Select(b => b.Key.Gc).Order(StringComparer.Ordinal).ToList();
        return reaching.Count == 0 ? "none" : string.Join(", ", reaching);
    }

    // Nothing queued reads "0 B", not "0.00 B": it is an exact count, not a measured size.
    private static string Bytes(double? bytes) => bytes switch { null => "n/a", 0 => "0 B", double b => ReportFormat.Bytes(b) };

    private static string Bytes(long? bytes) => Bytes((double?)bytes);

    private static string Count(long? count) => count is long n ? ReportFormat.Count(n) : "n/a";

    // The target's figure when the sending stopped minus the one when the census began. A working set that did not move
    // (the target's pages already resident from earlier cases) reads "0 B", like nothing queued, not "+0.00 B".
    private static string Growth(long? before, long? after) => (before, after) switch
    {
        (long b, long a) when a == b => "0 B",
        (long b, long a) => (a > b ? "+" : "−") + ReportFormat.Bytes(Math.Abs(a - b)),
        _ => "n/a",
    };
}
