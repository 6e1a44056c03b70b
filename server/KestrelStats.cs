using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using LeakBench.Target;

namespace LeakBench.Server;

/// <summary>
/// Live connection counts per local port, read from Kestrel's own meter
/// (<c>Microsoft.AspNetCore.Server.Kestrel</c>, instrument <c>kestrel.active_connections</c>),
/// plus a request count per port. Started before Kestrel listens so that no connection is missed.
/// </summary>
public sealed class KestrelStats : IDisposable
{
    public const string MeterName = "Microsoft.AspNetCore.Server.Kestrel";
    public const string ActiveConnections = "kestrel.active_connections";
    public const string HostingMeterName = "Microsoft.AspNetCore.Hosting";
    public const string ActiveRequestsInstrument = "http.server.active_requests";

    private readonly ConcurrentDictionary<int, PortCounters> _ports = new();
    private readonly MeterListener _listener = new();
    private long _activeRequests;

    public KestrelStats()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if ((instrument.Meter.Name == MeterName && instrument.Name == ActiveConnections)
                || (instrument.Meter.Name == HostingMeterName && instrument.Name == ActiveRequestsInstrument))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    public void CountRequest(int localPort) => Interlocked.Increment(ref For(localPort).Requests);

    /// <summary>Marks a request on <paramref name="localPort"/> in flight until the returned scope is disposed.</summary>
    public IDisposable InFlight(int localPort)
    {
        var c = For(localPort);
        Interlocked.Increment(ref c.InFlight);
        return new InFlightScope(c);
    }

    /// <summary>In-flight requests on every port, from the hosting meter (<c>http.server.active_requests</c>).</summary>
    public long ActiveRequests => Interlocked.Read(ref _activeRequests);

    public PortStats Snapshot(int port)
    {
        var c = For(port);
        return new PortStats(
            port,
            Interlocked.Read(ref c.Active),
            Interlocked.Read(ref c.Accepted),
            Interlocked.Read(ref c.Requests))
        {
            ActiveRequests = Interlocked.Read(ref c.InFlight),
        };
    }

    /// <summary>Zeroes the cumulative counts (accepted, requests); active connections stay as they are.</summary>
    public void Reset()
    {
        foreach (var c in _ports.Values)
        {
            Interlocked.Exchange(ref c.Accepted, 0);
            Interlocked.Exchange(ref c.Requests, 0);
        }
    }

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (instrument.Name == ActiveRequestsInstrument)
        {
            Interlocked.Add(ref _activeRequests, value);
            return;
        }

        int? port = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "server.port" && tag.Value is int p)
            {
                port = p;
            }
        }

        if (port is null)
        {
            return;
        }

        var c = For(port.Value);
        Interlocked.Add(ref c.Active, value);
        if (value > 0)
        {
            Interlocked.Add(ref c.Accepted, value);
        }
    }

    private PortCounters For(int port) => _ports.GetOrAdd(port, static _ => new PortCounters());

    private sealed class PortCounters
    {
        public long Active;
        public long Accepted;
        public long Requests;
        public long InFlight;
    }

    private sealed class InFlightScope(PortCounters counters) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                Interlocked.Decrement(ref counters.InFlight);
            }
        }
    }
}
