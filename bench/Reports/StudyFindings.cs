using LeakBench.Statistics;

namespace LeakBench.Reports;

/// <summary>
/// The report's findings: one sentence each, built from the rows' own numbers, so that a finding can never
/// contradict its table. The verdict picks the sentence; the numbers fill it.
/// </summary>
public static class StudyFindings
{
    /// <summary>What one case did with its connections, e.g. "Undisposed, unread ... left 4998 ESTABLISHED until a full GC closed them."</summary>
    public static string Of(StudyRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var c = row.Census;
        var subject = row.Case.Subject;
        var per1k = ReportFormat.Per1k(c.ConnectionsPer1k);
        var leaked = ReportFormat.Count(c.Leaked);
        var afterGc = ReportFormat.Count(c.AfterGc);
        var sentence = row.Verdict switch
        {
            Verdict.ReusesConnection =>
                $"{subject} reused connections: {Plural(c.ConnectionsOpened, "connection")} opened for {ReportFormat.Count(c.Succeeded)} requests ({per1k} per 1,000), {leaked} left ESTABLISHED.",
            Verdict.LeaksUntilGc =>
                $"{subject} opened {per1k} connections per 1,000 requests; up to {ReportFormat.Count(c.PeakOpen)} were open at once{UntilGc(c)}.",
            Verdict.LeaksPastGc =>
                $"{subject} opened {per1k} connections per 1,000 requests; up to {ReportFormat.Count(c.PeakOpen)} were open at once, {leaked} ESTABLISHED after the settle and {afterGc} after a full GC.",
            Verdict.ClosesEveryTime =>
                $"{subject} opened {per1k} connections per 1,000 requests and did not keep them: {leaked} left ESTABLISHED, {ReportFormat.Per1k(c.TimeWaitPer1k)} in TIME_WAIT per 1,000 requests.",
            Verdict.FailsAtRequest =>
                $"{subject} failed at request {ReportFormat.Count(c.FailedAt!.Value)} ({c.Failure}){FdLimitText(c)}: {ReportFormat.Count(c.Succeeded)} requests had left up to {ReportFormat.Count(c.PeakOpen)} sockets open{BudgetText(c)}.",
            Verdict.StallsGcFreesIt or Verdict.StallsGcDoesNotFreeIt =>
                $"{subject} stalled at request {ReportFormat.Count(c.StalledAt!.Value)}: it waited {(c.StallMs is { } ms ? $"{ReportFormat.Count((long)Math.Round(ms))} ms, " : "")}until the request timeout" +
                (c.OpenStreams is { } inFlight ? $", with {ReportFormat.Count(inFlight)} requests still in flight at the target" : "") +
                (c.GcFreesIt switch
                {
                    true => "; after a forced full GC the next request succeeded (the GC freed what the leak held).",
                    false => "; after a forced full GC the next request stalled too.",
                    null => "; whether a full GC frees it was not tried.",
                }),
            Verdict.HoldsStreams =>
                $"{subject} opened {Plural(c.ConnectionsOpened, "connection")} but held streams open: {ReportFormat.Count(c.OpenStreams ?? 0)} requests were still in flight at the target when the sending stopped, each holding a stream slot; {(c.Gen0 > 0 ? $"{Plural(c.Gen0, "gen0 GC")} during the {ReportFormat.Count(c.Succeeded)} requests freed the streams leaked before {(c.Gen0 == 1 ? "it" : "them")}, so no request reached the slot limit and stalled." : $"no GC ran and the {ReportFormat.Count(c.Succeeded)} requests did not reach the slot limit.")}",
            Verdict.ReplacesConnection =>
                $"{subject} reused a connection and replaced it now and then: {Plural(c.ConnectionsOpened, "connection")} for {ReportFormat.Count(c.Succeeded)} requests ({per1k} per 1,000), never more than {ReportFormat.Count(c.PeakOpen)} open, {leaked} left ESTABLISHED.",
            _ =>
                $"{subject} opened {per1k} connections per 1,000 requests and left {leaked} ESTABLISHED, {afterGc} after a full GC: neither steady reuse nor a clean leak or close.",
        };
        if (row.Case.Tls)
        {
            sentence += $" Each connection cost a TLS handshake: {ReportFormat.Per1k(c.HandshakesPer1k)} per 1,000 requests ({ReportFormat.Count(c.TlsHandshakes)} by the client's events, {ReportFormat.Count(c.ServerTlsHandshakes)} by the target's meter; resumption {(row.Case.TlsResume ? "allowed" : "off")}" +
                (c.ServerTlsHandshakeMeanUs is double meanUs ? $"; {ReportFormat.Count((long)Math.Round(meanUs))} µs each on the target, on average" : "") + ").";
        }

        if (row.Case.Lifetime is Cases.ClientLifetime.PerRequestDisposed or Cases.ClientLifetime.PooledLifetime1s && row.Verdict != Verdict.ClosesEveryTime)
        {
            sentence += $" It left {ReportFormat.Per1k(c.TimeWaitPer1k)} client sockets in TIME_WAIT per 1,000 requests ({ReportFormat.Count(c.TimeWait)} in all).";
        }

        if (row.Case.Lifetime == Cases.ClientLifetime.Factory)
        {
            sentence += " IHttpClientFactory's primary handler keeps a connection for its handler lifetime (2 min by default)" +
                        (c.ConnectionsOpened == 1 ? ", so one connection served every request that returned it to the pool." : ".");
        }

        if (c.CloseWait > 0)
        {
            sentence += $" {Plural(c.CloseWait, "socket")} {(c.CloseWait == 1 ? "was" : "were")} in CLOSE_WAIT.";
        }

        if (c.StoppedAt is { } stoppedAt)
        {
            sentence += $" The census stopped at {ReportFormat.Count(stoppedAt)} of {ReportFormat.Count(c.Requests)} requests to stay within the socket cap.";
        }
        else if (c.Succeeded < c.Requests)
        {
            sentence += $" Only {ReportFormat.Count(c.Succeeded)} of {ReportFormat.Count(c.Requests)} requests succeeded.";
        }

        return sentence;
    }

    // What the settle and the full GC left of a leak, as the row counts it: a leak whose GCs during the requests had
    // already closed everything has nothing left for the full GC to close, and a full GC that closed none says so.
    private static string UntilGc(Census.CensusResult c)
    {
        var (leaked, afterGc) = (ReportFormat.Count(c.Leaked), ReportFormat.Count(c.AfterGc));
        if (c.Leaked == 0)
        {
            return "; the GCs during the requests had closed them by the end, so none was left ESTABLISHED after the settle" +
                   (c.AfterGc == 0 ? "" : $" ({afterGc} after the full GC)");
        }

        if (c.AfterGc == 0)
        {
            return $" and {leaked} still ESTABLISHED after the settle, until a full GC closed them";
        }

        return c.AfterGc < c.Leaked
            ? $" and {leaked} still ESTABLISHED after the settle, until a full GC closed all but {afterGc}"
            : $", {leaked} ESTABLISHED after the settle and {afterGc} after a full GC";
    }

    // The sum shows which limit was reached: .NET words SocketError.TooManyOpenSockets "Too many open files in system"
    // (ENFILE's text) although it is the process's soft limit (EMFILE) that the leak exhausts.
    private static string FdLimitText(Census.CensusResult c) =>
        c.FdLimit is int limit
            ? $" under a soft fd limit of {ReportFormat.Count(limit)} for the process ({ReportFormat.Count(c.FdsBefore ?? 0)} already held + {ReportFormat.Count(c.PeakOpen)} leaked sockets = {ReportFormat.Count((c.FdsBefore ?? 0) + c.PeakOpen)} descriptors)"
            : "";

    private static string BudgetText(Census.CensusResult c) =>
        c.Gen0Budget is long budget ? $", with a gen0 budget of {ReportFormat.Size(budget)} per GC ({c.GcConfig} GC requested)" : c.GcConfig is { } gc ? $", with no gen0 GC during the requests ({gc} GC requested)" : "";

    /// <summary>
    /// The cost of the cases against the baseline of their benchmark and runtime: latency by the paired
    /// three-way verdicts (never a single mean), allocation by its exact ratio; null when the group has no
    /// baseline row or nothing but the baseline.
    /// </summary>
    /// <param name="group">The rows of one benchmark method on one runtime.</param>
    /// <param name="rows">Every row of the run (for each case's own A/A margin).</param>
    /// <param name="nameRuntime">Whether to say which runtime (when the report has several).</param>
    public static string? Costs(IReadOnlyList<StudyRow> group, IReadOnlyList<StudyRow> rows, bool nameRuntime = false)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(rows);
        var baseline = group.FirstOrDefault(r => r.IsBaseline);
        var others = group.Where(r => !r.IsBaseline).ToList();
        if (baseline is null || others.Count == 0)
        {
            return null;
        }

        var where = $"{baseline.Benchmark}.{baseline.Method}" + (nameRuntime ? $" on {baseline.Runtime.Name}" : "");
        var sentence = $"Against the baseline of {where} ({baseline.Case.Label}";
        sentence += baseline.AllocatedBytesPerRequest is { } baseAlloc ? $", {ReportFormat.Bytes(baseAlloc)} allocated per request)" : ")";
        var judged = others.Where(r => AaCheck.VerdictOf(r) is not null).ToList();
        if (judged.Count == 0)
        {
            sentence += ", no case has a paired latency ratio";
        }
        else
        {
            var slowest = judged.MaxBy(r => r.Census.Latency!.Median!.Ratio)!;
            sentence += $", the highest paired latency ratio was {slowest.Case.Label}: {RatioVerdict.Describe(AaCheck.VerdictOf(slowest)!.Value, slowest.Census.Latency!.Median!, AaCheck.MarginFor(slowest))}";
        }

        var allocating = others.Where(r => r.AllocatedBytesPerRequest is not null).ToList();
        if (allocating.Count > 0)
        {
            var hungriest = allocating.MaxBy(r => r.AllocatedBytesPerRequest!.Value)!;
            var bytes = hungriest.AllocatedBytesPerRequest!.Value;
            sentence += $"; the most allocation per request {hungriest.Case.Label} at {ReportFormat.Bytes(bytes)}" +
                        (hungriest.AllocationRatio is { } ratio ? $" ({ReportFormat.Ratio(ratio)} the baseline)" : "");
        }

        return sentence + ".";
    }

    /// <summary>
    /// The latency findings, one sentence per runtime: how many cases each three-way verdict got against
    /// their own baselines, the slower and faster ones named with their figures, and the cases without a ratio.
    /// </summary>
    public static IReadOnlyList<string> Latency(IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sentences = new List<string>();
        var runtimes = rows.Select(r => r.Runtime).DistinctBy(r => r.Moniker).ToList();
        foreach (var runtime in runtimes)
        {
            // Every case of the runtime but the baselines: the timed ones by their verdicts, then those without a ratio,
            // then those not timed on purpose, so that the counts add up to the cases.
            var mine = rows.Where(r => r.Runtime.Moniker == runtime.Moniker && !r.IsBaseline && (r.Census.Latency is { IsAa: false } || r.NotTimed is not null)).ToList();
            if (mine.Count == 0)
            {
                continue;
            }

            var verdicts = mine.Select(r => (Row: r, Verdict: AaCheck.VerdictOf(r))).ToList();
            var counts = Enum.GetValues<LatencyVerdict>()
                .Select(v => (v, n: verdicts.Count(x => x.Verdict == v)))
                .Where(x => x.n > 0)
                .Select(x => $"{ReportFormat.Count(x.n)} {RatioVerdict.Words(x.v)}")
                .ToList();
            var none = verdicts.Count(x => x.Verdict is null && x.Row.NotTimed is null);
            if (none > 0)
            {
                counts.Add($"{ReportFormat.Count(none)} without a ratio");
            }

            var untimed = mine.Count(r => r.NotTimed is not null);
            if (untimed > 0)
            {
                counts.Add($"{ReportFormat.Count(untimed)} not timed on purpose (a stall or a failure is their result)");
            }

            var sentence = (runtimes.Count > 1 ? $"On {runtime.Name}, against" : "Against") + $" their baselines {Plural(mine.Count, "case")} read: " +
                           (counts.Count > 1 ? string.Join(", ", counts[..^1]) + ", and " + counts[^1] : counts[0]);
            sentence += ".";
            foreach (var direction in new[] { LatencyVerdict.Slower, LatencyVerdict.Faster })
            {
                var named = verdicts.Where(x => x.Verdict == direction).ToList();
                if (named.Count > 0)
                {
                    sentence += $" {Capitalised(RatioVerdict.Words(direction))}: " +
                                string.Join("; ", named.Select(x => $"{x.Row.Benchmark}.{x.Row.Method} ({x.Row.Case.Label}) {RatioVerdict.Figures(x.Row.Census.Latency!.Median!)}")) + ".";
                }
            }

            sentences.Add(sentence);
        }

        return sentences;
    }

    /// <summary>
    /// The price of a TLS case next to the same case in plaintext (same dispose, drain, body, framing and
    /// completion, HTTP/1.1, one shared client, same runtime); null when the study has no such pair.
    /// </summary>
    public static string? TlsAgainstPlaintext(StudyRow tls, IEnumerable<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(tls);
        ArgumentNullException.ThrowIfNull(rows);
        if (!tls.Case.Tls)
        {
            return null;
        }

        var plain = rows.FirstOrDefault(r => !r.Case.Tls && r.Runtime.Moniker == tls.Runtime.Moniker
            && r.Case == tls.Case with { Tls = false, TlsResume = true, Protocol = Cases.HttpProtocol.Http11 });
        if (plain is null)
        {
            return null;
        }

        // The two cases were never timed against each other, so no latency ratio between them is quoted: each one's
        // paired figures against its own baseline, and the census's plain counts.
        var sentence = $"{tls.Case.Subject}: paired against its own baseline, {PairedText(tls, rows)}; in plaintext, {PairedText(plain, rows)}";
        if (tls.AllocatedBytesPerRequest is { } a && plain.AllocatedBytesPerRequest is { } b)
        {
            sentence += $"; BenchmarkDotNet measured {ReportFormat.Bytes(a)} allocated per request against {ReportFormat.Bytes(b)}";
        }

        return sentence + $"; the census counted {ReportFormat.Per1k(tls.Census.ConnectionsPer1k)} connections and {ReportFormat.Per1k(tls.Census.HandshakesPer1k)} handshakes per 1,000 requests against {ReportFormat.Per1k(plain.Census.ConnectionsPer1k)} connections and none.";
    }

    // A row's paired latency in words: "slower ×2.10 [2.02–2.19]", or why it has none.
    private static string PairedText(StudyRow row, IEnumerable<StudyRow> rows)
    {
        if (row.NotTimed is not null)
        {
            return $"not timed ({row.VerdictText})";
        }

        if (row.Census.Latency is not { Median: { } median } latency)
        {
            return row.Census.Latency?.Failure is { } failure ? $"no paired ratio ({failure})" : "no paired ratio";
        }

        if (latency.IsAa)
        {
            return $"the baseline itself (A/A {RatioVerdict.Figures(median)})";
        }

        var verdict = AaCheck.VerdictOf(row);
        return verdict is { } v ? RatioVerdict.Describe(v, median, AaCheck.MarginFor(row)) : RatioVerdict.Figures(median);
    }

    /// <summary>Threads against sockets across all cases: .NET's leak shows in sockets, Go's in goroutines.</summary>
    public static string Threads(IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("no rows", nameof(rows));
        }

        var threads = rows.Select(r => r.Census.Threads).ToList();
        var leaked = rows.Select(r => r.Census.Leaked).ToList();
        return $"Client threads at the end of each census ranged from {ReportFormat.Count(threads.Min())} to {ReportFormat.Count(threads.Max())}, " +
               $"while client sockets left ESTABLISHED ranged from {ReportFormat.Count(leaked.Min())} to {ReportFormat.Count(leaked.Max())}.";
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Plural(int count, string noun) => $"{ReportFormat.Count(count)} {noun}{(count == 1 ? "" : "s")}";
}
