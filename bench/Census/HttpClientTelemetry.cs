using System.Diagnostics.Metrics;

namespace LeakBench.Census;

/// <summary>
/// The runtime's own count of open client connections: meter <c>System.Net.Http</c>, instrument
/// <c>http.client.open_connections</c> (.NET 8+), by <c>http.connection.state</c> (active | idle),
/// for one server port. Must be started before the first request of the handler it watches.
/// Beside the count, what <c>dotnet-counters monitor --counters System.Net.Http</c> would show of the same handler:
/// the peak of each state, and every <c>http.client.connection.duration</c> (recorded when a connection closes) and
/// <c>http.client.request.time_in_queue</c> (recorded when a request got its connection) on that port.
/// </summary>
public sealed class HttpClientTelemetry : IDisposable
{
    public const string MeterName = "System.Net.Http";
    public const string OpenConnections = "http.client.open_connections";
    public const string ConnectionDuration = "http.client.connection.duration";
    public const string TimeInQueue = "http.client.request.time_in_queue";

    private readonly int _port;
    private readonly MeterListener _listener = new();
    // A plain object, not System.Threading.Lock: the benchmarks also build for .NET 8 (--runtimes), which lacks it.
    private readonly object _gate = new();
    private readonly List<double> _connectionSeconds;
    private readonly List<double> _queueSeconds;
    private long _active;
    private long _idle;
    private long _activePeak;
    private long _idlePeak;

    /// <param name="serverPort">The port whose connections are counted.</param>
    /// <param name="expectedMeasurements">Room reserved up front for the duration and queue measurements (the census's
    /// request count), so that recording them does not allocate while the census counts the process's allocations.</param>
    public HttpClientTelemetry(int serverPort, int expectedMeasurements = 0)
    {
        _port = serverPort;
        _connectionSeconds = new List<double>(expectedMeasurements);
        _queueSeconds = new List<double>(expectedMeasurements);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name is OpenConnections or ConnectionDuration or TimeInQueue)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.SetMeasurementEventCallback<double>(OnHistogramMeasurement);
        _listener.Start();
    }

    public long Active => Interlocked.Read(ref _active);

    public long Idle => Interlocked.Read(ref _idle);

    public long Open => Active + Idle;

    /// <summary>The most connections that were active (serving a request, or held by an undisposed response) at once.</summary>
    public long ActivePeak => Interlocked.Read(ref _activePeak);

    /// <summary>The most connections that were idle in the pool at once.</summary>
    public long IdlePeak => Interlocked.Read(ref _idlePeak);

    /// <summary>The lifetimes of the connections that closed so far, in milliseconds, sorted.</summary>
    public IReadOnlyList<double> ConnectionDurationsMs => SortedMs(_connectionSeconds);

    /// <summary>How long each request waited for a connection so far, in milliseconds, sorted.</summary>
    public IReadOnlyList<double> TimeInQueueMs => SortedMs(_queueSeconds);

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
            RaisePeak(ref _activePeak, Interlocked.Add(ref _active, value));
        }
        else if (connectionState == "idle")
        {
            RaisePeak(ref _idlePeak, Interlocked.Add(ref _idle, value));
        }
    }

    private void OnHistogramMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "server.port" && (tag.Value is int p ? p : -1) != _port)
            {
                return;
            }
        }

        var into = instrument.Name == ConnectionDuration ? _connectionSeconds : _queueSeconds;
        lock (_gate)
        {
            into.Add(value);
        }
    }

    private static void RaisePeak(ref long peak, long now)
    {
        var seen = Interlocked.Read(ref peak);
        while (now > seen)
        {
            var previous = Interlocked.CompareExchange(ref peak, now, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    private double[] SortedMs(List<double> seconds)
    {
        double[] ms;
        lock (_gate)
        {
            ms = [.. seconds.Select(s => s * 1000)];
        }

        Array.Sort(ms);
        return ms;
    }
}
