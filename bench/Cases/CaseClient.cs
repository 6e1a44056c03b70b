namespace LeakBench.Cases;

/// <summary>
/// The client side of a case: the handler its requests go through. The census (with its counting
/// connect callback) and the timed benchmark build their handlers here, so a case's handler settings
/// (pool limits, HTTP/2 connections, TLS, lifetimes) are written once.
/// </summary>
public static class CaseClient
{
    /// <summary>The client timeout of a case that sets none: long enough for a 2 MiB body on a loaded machine.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A fresh handler for <paramref name="case"/>; <paramref name="connect"/> replaces the handler's own connect (the census counts with it).</summary>
    public static SocketsHttpHandler CreateHandler(StudyCase @case, Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? connect = null)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var handler = new SocketsHttpHandler
        {
            // The defaults, spelled out because the study depends on them (the README's drain findings).
            MaxResponseDrainSize = 1024 * 1024,
            ResponseDrainTimeout = TimeSpan.FromSeconds(2),
        };
        if (connect is not null)
        {
            handler.ConnectCallback = connect;
        }

        return handler;
    }

    /// <summary>A shared client for <paramref name="case"/> on a fresh handler, which it disposes.</summary>
    public static HttpClient Create(StudyCase @case, Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? connect = null) =>
        new(CreateHandler(@case, connect), disposeHandler: true) { Timeout = DefaultTimeout };
}
