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

    /// <summary>Why <paramref name="census"/> leaves its case untimed; null when it can be timed.</summary>
    public static string? ReasonFor(CensusResult census)
    {
        ArgumentNullException.ThrowIfNull(census);
        if (census.FailedAt is int failed)
        {
            return $"not timed, on purpose: the census failed at request {failed} ({census.Failure})";
        }

        return census.StalledAt is int stalled
            ? $"not timed, on purpose: the census stalled at request {stalled} until the request timeout"
            : null;
    }
}
