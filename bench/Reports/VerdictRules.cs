using LeakBench.Census;

namespace LeakBench.Reports;

/// <summary>
/// Derives a case's <see cref="Verdict"/> from its census, by named thresholds that hold for any census
/// of 100 to 5,000 sequential requests. The rules, in order:
/// <list type="number">
/// <item>more requests than the idle allowance still in flight at the target, with fewer sockets held than a leak: holds
/// (HTTP/2) streams open;</item>
/// <item>at most <see cref="ReuseMaxConnectionsPer1k"/> connections per 1,000 requests for each connection the pool may keep
/// (one per concurrent caller, at most the connection limit): reuses the connection;</item>
/// <item>at least <see cref="LeakMinFraction"/> of the requests left a socket ESTABLISHED, at the end or at the
/// census's peak: a leak, which
/// <see cref="LeaksUntilGc"/> when a full GC leaves no more than the idle allowance, else survives GC;</item>
/// <item>at least <see cref="CloseMinConnectionsPer1k"/> connections per 1,000 requests and no more than the idle
/// allowance left ESTABLISHED: closes every time;</item>
/// <item>never more than the idle allowance open and fewer than <see cref="ReplaceMaxConnectionsPer1k"/> per 1,000: replaces the connection now and then;</item>
/// <item>anything else is mixed.</item>
/// </list>
/// Before all of them: a census that stopped at a failed request fails at that request, and one that stopped
/// at a stalled request stalls there (a GC frees it, or does not): what it cost matters less than that it broke.
/// </summary>
public static class VerdictRules
{
    /// <summary>
    /// A pooled, sequential client opens one connection for the whole census; 10 per 1,000 is that one connection
    /// at 100 requests and still 99% reuse at 5,000 (room for a reconnect after an idle timeout).
    /// </summary>
    public const double ReuseMaxConnectionsPer1k = 10;

    /// <summary>A new connection for at least nine requests in ten: the connection does not survive a request.</summary>
    public const double CloseMinConnectionsPer1k = 900;

    /// <summary>
    /// A tenth of the requests still holding an ESTABLISHED socket is far beyond any pool (a sequential client needs
    /// one); it is lower than "all of them" because gen0 collections during the census already finalize some leaks.
    /// </summary>
    public const double LeakMinFraction = 0.10;

    /// <summary>Sockets that may stay ESTABLISHED without a leak: the pool's idle connection and one closing.</summary>
    public const int IdleAllowanceSockets = 2;

    /// <summary>The idle allowance grows to 0.2% of the requests (10 at 5,000) for reconnects the census raced.</summary>
    public const double IdleAllowanceFraction = 0.002;

    public static Verdict Of(StudyRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Of(row.Census);
    }

    /// <exception cref="ArgumentException">The census has no successful request: that is an error, not a row.</exception>
    public static Verdict Of(CensusResult census)
    {
        ArgumentNullException.ThrowIfNull(census);
        if (census.Succeeded <= 0)
        {
            throw new ArgumentException(
                $"a census with {census.Succeeded} successful requests of {census.Requests} has no verdict: zero successful requests is an error, not a row",
                nameof(census));
        }

        if (census.FailedAt is not null)
        {
            return Verdict.FailsAtRequest;
        }

        if (census.StalledAt is not null)
        {
            return census.GcFreesIt == true ? Verdict.StallsGcFreesIt : Verdict.StallsGcDoesNotFreeIt;
        }

        // Concurrent callers keep one pooled connection each, up to the connection limit: that many is the pool, not a leak.
        var pool = PoolOf(census);
        var allowance = Math.Max(IdleAllowance(census.Succeeded), pool + 1);
        var leakThreshold = Math.Max(allowance + 1, LeakThreshold(census.Succeeded));
        // A leak shows in the peak as well as at the end: the GCs that run during the requests close leaked
        // connections, so a leaking case can end with few sockets open after having held hundreds.
        var held = Math.Max(census.Leaked, census.PeakOpen);
        // HTTP/2 only (the census counts the client's side of the streams there): requests still in flight at the target
        // with fewer sockets held than a leak are streams the leak keeps open. Over HTTP/1.1 a response still being
        // drained in the background is in flight too (measured: 3 at 1022 KiB), and that is no held stream.
        if (census.ClientOpenStreams is not null && census.OpenStreams > allowance && held < leakThreshold)
        {
            return Verdict.HoldsStreams;
        }

        if (census.ConnectionsPer1k <= ReuseMaxConnectionsPer1k * pool)
        {
            return Verdict.ReusesConnection;
        }

        if (held >= leakThreshold)
        {
            return census.AfterGc <= allowance ? Verdict.LeaksUntilGc : Verdict.LeaksPastGc;
        }

        if (census.ConnectionsPer1k >= CloseMinConnectionsPer1k && census.Leaked <= allowance)
        {
            return Verdict.ClosesEveryTime;
        }

        // Never more than a pool's worth open, and a new connection now and then: the pool replaced its connection
        // (a pooled connection lifetime, or a response whose drain gave up on it).
        if (census.PeakOpen <= allowance && census.Leaked <= allowance && census.AfterGc <= allowance && census.ConnectionsPer1k < ReplaceMaxConnectionsPer1k)
        {
            return Verdict.ReplacesConnection;
        }

        return Verdict.Mixed;
    }

    /// <summary>Up to one new connection per ten requests, none held: replacing a reused connection, not closing each one.</summary>
    public const double ReplaceMaxConnectionsPer1k = 100;

    /// <summary>The connections a pooled client of this census may keep: one per concurrent caller, at most the connection limit.</summary>
    public static int PoolOf(CensusResult census)
    {
        ArgumentNullException.ThrowIfNull(census);
        return Math.Max(1, Math.Min(census.Callers, census.MaxConnections ?? census.Callers));
    }

    /// <summary>ESTABLISHED sockets tolerated without calling it a leak, for a census of this many successful requests.</summary>
    public static int IdleAllowance(int succeeded) =>
        Math.Max(IdleAllowanceSockets, (int)Math.Floor(succeeded * IdleAllowanceFraction));

    /// <summary>
    /// ESTABLISHED sockets from which a census of this many successful requests leaks: a tenth of the requests, but
    /// never more than <see cref="LeakMinSockets"/>, since how many pile up is set by the GC budget, not by N.
    /// </summary>
    public static int LeakThreshold(int succeeded) =>
        Math.Max(IdleAllowance(succeeded) + 1, Math.Min((int)Math.Ceiling(succeeded * LeakMinFraction), LeakMinSockets));

    /// <summary>
    /// Sockets held at once that are a leak whatever the census size. The GCs during the requests close leaked
    /// connections, so the peak is set by the gen0 budget: measured 100–230 at 5,000 requests on a 2-core VM (a tenth,
    /// 500, called those leaks "closes every time"), while a closing or pooled case never held more than its pool and
    /// a few closing (at most 10 with a pool of 10).
    /// </summary>
    public const int LeakMinSockets = 50;

    /// <summary>
    /// The verdict of <paramref name="census"/> with its numbers, as the reader reads it in a table cell:
    /// "fails at request 1017 (Too many open files)", "stalls at request 101 until the timeout; a GC frees it".
    /// </summary>
    public static string Describe(CensusResult census)
    {
        ArgumentNullException.ThrowIfNull(census);
        var verdict = Of(census);
        return verdict switch
        {
            Verdict.FailsAtRequest => $"fails at request {ReportFormat.Count(census.FailedAt!.Value)} ({OsErrorText(census.Failure)})",
            Verdict.StallsGcFreesIt or Verdict.StallsGcDoesNotFreeIt => $"stalls at request {ReportFormat.Count(census.StalledAt!.Value)} until the timeout; {(verdict == Verdict.StallsGcFreesIt ? "a GC frees it" : "a GC does not free it")}",
            Verdict.HoldsStreams => $"holds {ReportFormat.Count(census.OpenStreams!.Value)} streams open on {ReportFormat.Count(census.ConnectionsOpened)} connection{(census.ConnectionsOpened == 1 ? "" : "s")}; no stall",
            _ => verdict.Text(),
        };
    }

    /// <summary>The OS error text of a failure: "SocketException: Too many open files" gives "Too many open files".</summary>
    public static string OsErrorText(string? failure) =>
        failure is null ? "unknown error" : failure.Split(": ", 2) is [_, var text] ? text : failure;

    /// <summary>The verdict as the reader reads it in a table cell.</summary>
    public static string Text(this Verdict verdict) => verdict switch
    {
        Verdict.FailsAtRequest => "fails at a request",
        Verdict.StallsGcFreesIt => "stalls until the timeout; a GC frees it",
        Verdict.StallsGcDoesNotFreeIt => "stalls until the timeout; a GC does not free it",
        Verdict.ReusesConnection => "reuses the connection",
        Verdict.LeaksUntilGc => "leaks until GC",
        Verdict.LeaksPastGc => "leaks past GC",
        Verdict.ClosesEveryTime => "closes every time",
        Verdict.Mixed => "mixed",
        Verdict.HoldsStreams => "holds streams open until GC",
        Verdict.ReplacesConnection => "reuses, then replaces the connection",
        _ => verdict.ToString(),
    };
}
