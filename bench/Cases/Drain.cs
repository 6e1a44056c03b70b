namespace LeakBench.Cases;

/// <summary>How much of the response body a case reads before it lets go of the response.</summary>
public enum Drain
{
    /// <summary>The body is not read at all.</summary>
    None,

    /// <summary>The first 4 KiB of the body (or all of it, when shorter) are read.</summary>
    Partial4KiB,

    /// <summary>The body is read to the end (copied to <see cref="Stream.Null"/>).</summary>
    Full,
}
