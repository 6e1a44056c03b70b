namespace LeakBench.Cases;

/// <summary>The HTTP version a case speaks to the target.</summary>
public enum HttpProtocol
{
    /// <summary>HTTP/1.1: one request at a time per connection.</summary>
    Http11,

    /// <summary>HTTP/2 with prior knowledge (h2c): streams multiplexed on one connection.</summary>
    Http2,
}
