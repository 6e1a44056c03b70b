using System.Diagnostics.Tracing;

namespace LeakBench.Census;

/// <summary>
/// The client's TLS handshakes, from the runtime's <c>System.Net.Security</c> EventSource through an
/// in-process EventListener: <c>HandshakeStart</c> (client side only: its <c>isServer</c> is false),
/// <c>HandshakeStop</c> and <c>HandshakeFailed</c>. .NET 8–10 have no TLS meter, and the handler's
/// ConnectCallback runs before TLS, so this is the client's only handshake count. The events are
/// written on the thread that completes the handshake, so the counts are exact once a request returns.
/// </summary>
/// <remarks>Process-wide: run it where only the measured client does TLS (the target is another process).</remarks>
public sealed class TlsHandshakeListener : EventListener
{
    public const string EventSourceName = "System.Net.Security";

    // Event ids of NetSecurityTelemetry (dotnet/runtime, System.Net.Security), stable since .NET 5.
    private const int HandshakeStartId = 1;
    private const int HandshakeStopId = 2;
    private const int HandshakeFailedId = 3;

    private int _started;
    private int _completed;
    private int _failed;

    /// <summary>Client handshakes begun.</summary>
    public int Started => Volatile.Read(ref _started);

    /// <summary>Client handshakes that completed (HandshakeStop after a client HandshakeStart).</summary>
    public int Completed => Volatile.Read(ref _completed);

    /// <summary>Client handshakes that failed.</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>True once the runtime's EventSource was found and enabled (it is created with the first SslStream).</summary>
    public bool SourceSeen { get; private set; }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        // Called from the base constructor for sources that already exist: touch no state a constructor sets.
        if (eventSource.Name == EventSourceName)
        {
            SourceSeen = true;
            EnableEvents(eventSource, EventLevel.Informational);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventSource.Name != EventSourceName)
        {
            return;
        }

        switch (eventData.EventId)
        {
            case HandshakeStartId when !IsServer(eventData):
                Interlocked.Increment(ref _started);
                break;
            case HandshakeStopId:
                // HandshakeStop carries no isServer; this process runs no TLS server, so every stop is the client's.
                Interlocked.Increment(ref _completed);
                break;
            case HandshakeFailedId when !IsServer(eventData):
                Interlocked.Increment(ref _failed);
                break;
        }
    }

    private static bool IsServer(EventWrittenEventArgs e) =>
        e.PayloadNames is { } names && names.IndexOf("isServer") is var i and >= 0 && e.Payload is { } payload && payload[i] is true;
}
