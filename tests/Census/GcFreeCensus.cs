namespace LeakBench.Tests.Census;

/// <summary>
/// A leaked connection is closed by whichever GC runs next, so a leaking census's peak and leaked counts depend on
/// whether a GC ran between its first request and its count after the settle. On a busy 2-core machine one often
/// does, even in 50 requests. Tests that need exact leak figures retry the census, a few times, until one ran with
/// no GC but the census's own forced ones; the last attempt is returned either way, so a test still fails when
/// none did (its message then shows the GC counts).
/// </summary>
public static class GcFreeCensus
{
    public const int Attempts = 5;

    /// <summary>SocketCensus.FullGc collects twice, and a census calls it twice (before the requests and after the settle).</summary>
    public const int ForcedCollectionsPerCensus = 4;

    /// <param name="censuses">How many censuses one call of <paramref name="run"/> runs.</param>
    public static async Task<T> RunAsync<T>(Func<Task<T>> run, int censuses = 1)
    {
        T result;
        var attempt = 0;
        bool disturbed;
        do
        {
            // Every collection of any generation counts in generation 0's count.
            var before = GC.CollectionCount(0);
            result = await run();
            disturbed = GC.CollectionCount(0) - before > ForcedCollectionsPerCensus * censuses;
        }
        while (disturbed && ++attempt < Attempts);

        return result;
    }
}
