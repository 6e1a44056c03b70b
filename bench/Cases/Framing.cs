namespace LeakBench.Cases;

/// <summary>How the target frames the response body.</summary>
public enum Framing
{
    /// <summary>A Content-Length header (<c>GET /bytes/{size}</c>).</summary>
    ContentLength,

    /// <summary>Transfer-Encoding: chunked (<c>GET /chunked/{size}</c>).</summary>
    Chunked,

    /// <summary>No body at all: 204 No Content (<c>GET /empty</c>).</summary>
    Empty,
}
