namespace LeakBench.Reports;

/// <summary>What a case did with its connections, in the reader's words (see <see cref="VerdictRules"/>).</summary>
public enum Verdict
{
    /// <summary>Requests share pooled connections: few connections per 1,000 requests.</summary>
    ReusesConnection,

    /// <summary>A connection per request stays ESTABLISHED after the requests; a full GC closes them.</summary>
    LeaksUntilGc,

    /// <summary>Connections stay ESTABLISHED after the requests and after a full GC too.</summary>
    LeaksPastGc,

    /// <summary>A new connection per request, closed before the next: nothing left ESTABLISHED.</summary>
    ClosesEveryTime,

    /// <summary>None of the above: the numbers fall between the thresholds; read them.</summary>
    Mixed,

    /// <summary>A request failed with an OS error (e.g. "Too many open files"); the census stopped there.</summary>
    FailsAtRequest,

    /// <summary>A request waited until the timeout; after a forced full GC the next request succeeded.</summary>
    StallsGcFreesIt,

    /// <summary>A request waited until the timeout, and the next one after a forced full GC did too.</summary>
    StallsGcDoesNotFreeIt,

    /// <summary>
    /// One connection, but requests still in flight at the target when the sending stopped: HTTP/2 streams the leak
    /// holds open (a stream slot each) that the GCs during the census had not yet freed; no request stalled.
    /// </summary>
    HoldsStreams,

    /// <summary>Never more than a pool's worth of sockets open, and a new connection now and then (a pooled connection lifetime).</summary>
    ReplacesConnection,
}
