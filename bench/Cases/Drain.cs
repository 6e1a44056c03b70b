namespace LeakBench.Cases;

/// <summary>How much of a response body the caller reads.</summary>
public enum Drain
{
    /// <summary>Never touches the body.</summary>
    None,

    /// <summary>Reads the first <see cref="RequestPattern.PartialBytes"/> bytes, then stops.</summary>
    Partial,

    /// <summary>Reads to the end (and checks the byte count).</summary>
    Full,
}
