namespace LeakBench.Census;

/// <summary>
/// A request of BenchmarkDotNet's timed part that waited until the request timeout, after the case's census and its
/// pairing had passed without a stall (issue 32). The benchmark process records it in the census file and stops; the
/// case is then measured by its census and not timed, on purpose (<see cref="NotTimedOnPurposeException.ReasonFor(CensusResult)"/>).
/// </summary>
/// <param name="Request">The request of the timed part (1-based, counted over its invocations) that stalled; with several callers, how many had been sent.</param>
/// <param name="Where">Where it waited: before the response headers, or in the response body after how many bytes.</param>
/// <param name="Message">What the request threw.</param>
public sealed record TimedStall(int Request, string Where, string Message);
