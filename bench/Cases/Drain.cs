namespace LeakBench.Cases;

/// <summary>How much of the response body a case reads before it lets go of the response.</summary>
public enum Drain
{
    /// <summary>The body is not read at all.</summary>
    None,

    /// <summary>The first <see cref="RequestPattern.PartialBytes"/> (4 KiB) of the body are read (or all of it, when shorter).</summary>
    Partial4KiB,

    /// <summary>The body is read to the end (and its byte count checked), the bytes going nowhere, as to Stream.Null.</summary>
    Full,
}
