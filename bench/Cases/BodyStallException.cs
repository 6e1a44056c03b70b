using System.Globalization;

namespace LeakBench.Cases;

/// <summary>
/// A response body that stopped coming until the request timeout passed (<see cref="ReadDeadline"/>): the inner
/// exception of the <see cref="TaskCanceledException"/> that <see cref="RequestPattern.SendAsync"/> throws, as
/// <see cref="TimeoutException"/> is for HttpClient's own timeout, so a body stall is a stall wherever stalls are told apart.
/// </summary>
public sealed class BodyStallException : TimeoutException
{
    public BodyStallException()
    {
    }

    public BodyStallException(string message)
        : base(message)
    {
    }

    public BodyStallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BodyStallException(long bytesRead, long expectedBytes, Exception innerException)
        : base(Where(bytesRead, expectedBytes), innerException)
    {
        BytesRead = bytesRead;
        ExpectedBytes = expectedBytes;
    }

    /// <summary>Body bytes read before the stall.</summary>
    public long BytesRead { get; }

    /// <summary>Body bytes the request was to read.</summary>
    public long ExpectedBytes { get; }

    /// <summary>Where a stall happened, from the exception a stalled request threw (HttpClient's timeout, or this one's).</summary>
    public static string WhereOf(Exception stall) =>
        stall.InnerException is BodyStallException body ? body.Message : "before the response headers";

    private static string Where(long read, long expected) =>
        string.Create(CultureInfo.InvariantCulture, $"in the response body, after {read:N0} of {expected:N0} bytes");
}
