namespace LeakBench.Census;

/// <summary>
/// Thrown by a benchmark process's global setup after it wrote a census that stalled or failed: timing
/// such a case would hang on the stall or measure timeouts as latency, so it is not timed, on purpose.
/// The host reads the census and counts the case as measured by its census (exit 0, publishable).
/// </summary>
public sealed class NotTimedOnPurposeException : Exception
{
    public NotTimedOnPurposeException()
    {
    }

    public NotTimedOnPurposeException(string message)
        : base(message)
    {
    }

    public NotTimedOnPurposeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Why <paramref name="case"/> is not timed, from its census first (it stalled or failed), else from the case
    /// itself (<see cref="Cases.StudyCase.LeakHoldsEverySlot"/>): a leak that can take every slot of the client
    /// would stall the timed part too, even when its census happened not to stall because a GC freed the slots.
    /// Null when it can be timed.
    /// </summary>
    public static string? ReasonFor(Cases.StudyCase @case, CensusResult? census)
    {
        ArgumentNullException.ThrowIfNull(@case);
        if (census is not null && ReasonFor(census) is { } measured)
        {
            return measured;
        }

        if (!@case.LeakHoldsEverySlot)
        {
            return null;
        }

        var slots = @case.MaxConnectionsPerServer is int max
            ? $"all {max} connections of MaxConnectionsPerServer"
            : string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"every stream slot of the one HTTP/2 connection (a body above the {Cases.CaseClient.Http2StreamWindowBytes:N0}-byte stream window stays unsent)");
        return $"not timed, on purpose: undisposed, unread responses hold {slots} until a GC, so a timed request would wait for the request timeout";
    }

    /// <summary>Why <paramref name="census"/> leaves its case untimed (a stall or a failure of its census, or a stall of its timed part); null when it can be timed.</summary>
    public static string? ReasonFor(CensusResult census)
    {
        ArgumentNullException.ThrowIfNull(census);
        if (census.FailedAt is int failed)
        {
            return $"not timed, on purpose: the census failed at request {failed} ({census.Failure})";
        }

        if (census.StalledAt is int stalled)
        {
            return $"not timed, on purpose: the census stalled at request {stalled} until the request timeout";
        }

        return census.TimedStall is { } timed
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"not timed, on purpose: request {timed.Request:N0} of the timed part stalled {timed.Where} until the request timeout, after the census and the pairing had passed without a stall")
            : null;
    }
}
