namespace LeakBench.Cases;

/// <summary>How the target frames a body: the framing decides what "drain on dispose" can do.</summary>
public enum Framing
{
    /// <summary><c>/bytes/{size}</c>: Content-Length.</summary>
    ContentLength,

    /// <summary><c>/chunked/{size}</c>: chunked transfer encoding (4 KiB chunks; the framing counts toward the drain limit).</summary>
    Chunked,

    /// <summary><c>/empty</c>: 204 No Content, no body at all.</summary>
    Empty,
}
