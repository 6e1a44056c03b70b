using System.Diagnostics.Metrics;

namespace LeakBench.Census;

/// <summary>
/// The runtime's own count of open client connections: meter <c>System.Net.Http</c>, instrument
/// <c>http.client.open_connections</c> (.NET 8+), by <c>http.connection.state</c> (active | idle),
/// for one server port. Must be started before the first request of the handler it watches.
/// </summary>
public sealed class HttpClientTelemetry : IDisposable
{
    public const string MeterName = "System.Net.Http";
    public const string OpenConnections = "http.client.open_connections";

    private readonly int _port;
    private readonly MeterListener _listener = new();
    private long _active;
    private long _idle;
    private int _published;

    public HttpClientTelemetry(int serverPort)
    {
        _port = serverPort;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name == OpenConnections)
            {
                Interlocked.Exchange(ref _published, 1);
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>False until the runtime has published the instrument (it does on the first connection).</summary>
    public bool InstrumentSeen => Volatile.Read(ref _published) == 1;

    public long Active => Interlocked.Read(ref _active);

    public long Idle => Interlocked.Read(ref _idle);

    public long Open => Active + Idle;

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? connectionState = null;
        var port = -1;
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case "http.connection.state":
                    connectionState = tag.Value as string;
                    break;
                case "server.port":
                    port = tag.Value is int p ? p : -1;
                    break;
            }
        }

        if (port != _port)
        {
            return;
        }

        if (connectionState == "active")
        {
            Interlocked.Add(ref _active, value);
        }
        else if (connectionState == "idle")
        {
            Interlocked.Add(ref _idle, value);
        }
    }
}
