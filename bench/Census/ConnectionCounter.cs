using System.Net.Sockets;

namespace LeakBench.Census;

/// <summary>
/// Counts the TCP connections a handler opens, by being its <see cref="SocketsHttpHandler.ConnectCallback"/>.
/// This is the exact "connections opened" figure: the pool calls it once per new connection.
/// </summary>
public sealed class ConnectionCounter
{
    private int _opened;

    public int Opened => Volatile.Read(ref _opened);

    /// <summary>Connects as the default handler would (TCP, no Nagle) and counts the connection.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        Interlocked.Increment(ref _opened);
        return new NetworkStream(socket, ownsSocket: true);
    }
}
