using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Connections;

namespace LeakBench.Server;

/// <summary>
/// The target's live connections per local port, as connection middleware sees them (below TLS and HTTP), so that a
/// census can close what an earlier case left behind. Measured on this 2-core VM: after the HTTP/2 case "disposed ·
/// unread · 256 KiB · h2", Kestrel sometimes kept one connection of the finished client process active for good (in 2
/// of 10 quick studies), and every later census on that port waited out its 5 s idle wait and its 2 s agreement window
/// for it (about 95 s a study). Aborting it from the control port gives the next case its clean start at once.
/// </summary>
public sealed class ConnectionTracker
{
    private readonly ConcurrentDictionary<string, (int Port, ConnectionContext Context)> _live = new();

    // Connections aborted from the control port that Kestrel has not let go of yet. Measured: the lingering HTTP/2
    // connection stays in Kestrel's count even after its abort (56 censuses of a quick study each found it again), so
    // /stats counts these apart instead of as active, and no later census waits for them.
    private readonly ConcurrentDictionary<string, int> _aborted = new();

    /// <summary>Connection middleware for <c>ListenOptions.Use</c>: tracks each connection while Kestrel serves it.</summary>
    public ConnectionDelegate Track(ConnectionDelegate next) => async context =>
    {
        // The listener's port is 0 until Kestrel binds it; the connection's own end has the real one.
        var port = (context.LocalEndPoint as IPEndPoint)?.Port ?? 0;
        _live[context.ConnectionId] = (port, context);
        try
        {
            await next(context);
        }
        finally
        {
            _live.TryRemove(context.ConnectionId, out _);
            _aborted.TryRemove(context.ConnectionId, out _);
        }
    };

    /// <summary>Connections Kestrel serves on <paramref name="port"/> right now.</summary>
    public int LiveOn(int port) => _live.Values.Count(c => c.Port == port);

    /// <summary>Connections on <paramref name="port"/> aborted from the control port that Kestrel still serves.</summary>
    public int AbortedStillOpen(int port) => _aborted.Values.Count(p => p == port);

    /// <summary>Aborts every connection on <paramref name="port"/>; returns how many it aborted.</summary>
    public int AbortAll(int port)
    {
        var aborted = 0;
        foreach (var (id, (p, context)) in _live)
        {
            if (p == port)
            {
                _aborted[id] = p;
                context.Abort(new ConnectionAbortedException("aborted from the control port: left by an earlier case"));
                aborted++;
            }
        }

        return aborted;
    }
}
