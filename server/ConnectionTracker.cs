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
        }
    };

    /// <summary>Connections Kestrel serves on <paramref name="port"/> right now.</summary>
    public int LiveOn(int port) => _live.Values.Count(c => c.Port == port);

    /// <summary>Aborts every connection on <paramref name="port"/>; returns how many it aborted.</summary>
    public int AbortAll(int port)
    {
        var aborted = 0;
        foreach (var (_, (p, context)) in _live)
        {
            if (p == port)
            {
                context.Abort(new ConnectionAbortedException("aborted from the control port: left by an earlier case"));
                aborted++;
            }
        }

        return aborted;
    }
}
