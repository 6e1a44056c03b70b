namespace LeakBench.Cases;

/// <summary>How long a case's <see cref="HttpClient"/> (and its handler, with its connection pool) lives.</summary>
public enum ClientLifetime
{
    /// <summary>One client shared by every request (the recommended pattern, and every other class's setting).</summary>
    Shared,

    /// <summary>A new HttpClient (and handler) per request, disposed after it.</summary>
    PerRequestDisposed,

    /// <summary>A new HttpClient (and handler) per request, never disposed: left to the GC.</summary>
    PerRequestUndisposed,

    /// <summary><c>IHttpClientFactory.CreateClient</c> per request from a real ServiceCollection: pooled handlers, rotated after 2 min.</summary>
    Factory,

    /// <summary>One shared SocketsHttpHandler with <c>PooledConnectionLifetime</c> = 1 s: connections are retired after a second.</summary>
    PooledLifetime1s,
}
