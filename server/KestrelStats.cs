using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using LeakBench.Target;

namespace LeakBench.Server;

/// <summary>
/// Live connection counts per local port, read from Kestrel's own meter
/// (<c>Microsoft.AspNetCore.Server.Kestrel</c>, instrument <c>kestrel.active_connections</c>),
/// plus a request count per port, and the TLS handshakes Kestrel completed per port
/// (<c>kestrel.tls_handshake.duration</c>: one measurement per handshake). Started before Kestrel
/// listens so that no connection is missed.
/// </summary>
public sealed class KestrelStats : IDisposable
{
    public const string MeterName = "Microsoft.AspNetCore.Server.Kestrel";
    public const string ActiveConnections = "kestrel.active_connections";
    public const string TlsHandshakeDuration = "kestrel.tls_handshake.duration";
    public const string HostingMeterName = "Microsoft.AspNetCore.Hosting";
    public const string ActiveRequestsInstrument = "http.server.active_requests";

    private readonly ConcurrentDictionary<int, PortCounters> _ports = new();
    private readonly MeterListener _listener = new();
    private long _activeRequests;

    public KestrelStats()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if ((instrument.Meter.Name == MeterName && instrument.Name is ActiveConnections or TlsHandshakeDuration)
                || (instrument.Meter.Name == HostingMeterName && instrument.Name == ActiveRequestsInstrument))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.SetMeasurementEventCallback<double>(OnHandshake);
        _listener.Start();
    }

    public void CountRequest(int localPort) => Interlocked.Increment(ref For(localPort).Requests);

    /// <summary>Marks a request on <paramref name="localPort"/> in flight until the returned scope is disposed.</summary>
    public IDisposable InFlight(int localPort)
    {
        var c = For(localPort);
        var now = Interlocked.Increment(ref c.InFlight);
        // The most at once since the last reset: proof that a concurrent phase (the 16-caller pairing) really loaded the target.
        for (var peak = Interlocked.Read(ref c.PeakInFlight); now > peak; peak = Interlocked.Read(ref c.PeakInFlight))
        {
            if (Interlocked.CompareExchange(ref c.PeakInFlight, now, peak) == peak)
            {
                break;
            }
        }

        return new InFlightScope(c);
    }

    /// <summary>In-flight requests on every port, from the hosting meter (<c>http.server.active_requests</c>).</summary>
    public long ActiveRequests => Interlocked.Read(ref _activeRequests);

    /// <summary>
    /// The target's managed heap, for what a client's leak costs it: bytes allocated and not yet freed, without forcing
    /// a GC (a forced GC in the target would change what it holds for the client being measured).
    /// </summary>
    public static long GcHeapBytes => GC.GetTotalMemory(forceFullCollection: false);

    /// <summary>The target's working set: the memory behind its in-flight requests as the OS counts it (the pinned buffers and the runtime's own).</summary>
    public static long WorkingSetBytes => Environment.WorkingSet;

    public PortStats Snapshot(int port)
    {
        var c = For(port);
        return new PortStats(
            port,
            Interlocked.Read(ref c.Active),
            Interlocked.Read(ref c.Accepted),
            Interlocked.Read(ref c.Requests))
        {
            TlsHandshakes = Interlocked.Read(ref c.Handshakes),
            FailedTlsHandshakes = Interlocked.Read(ref c.FailedHandshakes),
            TlsHandshakeMicroseconds = Interlocked.Read(ref c.HandshakeMicroseconds),
            ActiveRequests = Interlocked.Read(ref c.InFlight),
            PeakActiveRequests = Interlocked.Read(ref c.PeakInFlight),
        };
    }

    /// <summary>Zeroes the cumulative counts (accepted, requests); active connections stay as they are.</summary>
    public void Reset()
    {
        foreach (var c in _ports.Values)
        {
            Interlocked.Exchange(ref c.Accepted, 0);
            Interlocked.Exchange(ref c.Requests, 0);
            Interlocked.Exchange(ref c.Handshakes, 0);
            Interlocked.Exchange(ref c.FailedHandshakes, 0);
            Interlocked.Exchange(ref c.HandshakeMicroseconds, 0);
            // The peak restarts from what is in flight now (a leak's held streams stay in flight across a reset).
            Interlocked.Exchange(ref c.PeakInFlight, Interlocked.Read(ref c.InFlight));
        }
    }

    public void Dispose() => _listener.Dispose();

    private static int? PortOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "server.port" && tag.Value is int p)
            {
                return p;
            }
        }

        return null;
    }

    // One measurement per handshake; a failed one carries error.type.
    private void OnHandshake(Instrument instrument, double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (instrument.Name != TlsHandshakeDuration || PortOf(tags) is not int port)
        {
            return;
        }

        var failed = false;
        foreach (var tag in tags)
        {
            failed |= tag.Key == "error.type";
        }

        var c = For(port);
        Interlocked.Increment(ref failed ? ref c.FailedHandshakes : ref c.Handshakes);
        if (!failed)
        {
            Interlocked.Add(ref c.HandshakeMicroseconds, (long)Math.Round(seconds * 1_000_000));
        }
    }

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (instrument.Name == ActiveRequestsInstrument)
        {
            Interlocked.Add(ref _activeRequests, value);
            return;
        }

        var port = PortOf(tags);
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
        public long Handshakes;
        public long FailedHandshakes;
        public long HandshakeMicroseconds;
        public long InFlight;
        public long PeakInFlight;
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
