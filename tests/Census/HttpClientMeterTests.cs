using System.Diagnostics.Metrics;
using LeakBench.Census;

namespace LeakBench.Tests.Census;

/// <summary>
/// Known answers for what the census reads from the System.Net.Http meter: a meter of that name made here, with the
/// runtime's instrument names and tags, publishes chosen values on a port nothing else uses (the listener keeps only
/// its own port, so the runtime's real measurements from other tests do not reach these counts).
/// </summary>
public sealed class HttpClientMeterTests
{
    private const int Port = 1;

    [Fact]
    public void Each_state_keeps_its_peak_and_durations_and_waits_come_back_sorted_in_milliseconds()
    {
        using var telemetry = new HttpClientTelemetry(Port, expectedMeasurements: 4);
        using var meter = new Meter(HttpClientTelemetry.MeterName);
        var open = meter.CreateUpDownCounter<long>(HttpClientTelemetry.OpenConnections);
        var duration = meter.CreateHistogram<double>(HttpClientTelemetry.ConnectionDuration);
        var queue = meter.CreateHistogram<double>(HttpClientTelemetry.TimeInQueue);

        // Three connections go active, one turns idle, two close; another port's connection is not counted.
        open.Add(1, State("active"), PortTag(Port));
        open.Add(1, State("active"), PortTag(Port));
        open.Add(1, State("active"), PortTag(Port));
        open.Add(-1, State("active"), PortTag(Port));
        open.Add(1, State("idle"), PortTag(Port));
        open.Add(5, State("active"), PortTag(Port + 1));
        duration.Record(0.250, PortTag(Port));
        duration.Record(0.004, PortTag(Port));
        duration.Record(9.0, PortTag(Port + 1));
        queue.Record(0.000_5, PortTag(Port));

        Assert.Equal(2, telemetry.Active);
        Assert.Equal(3, telemetry.ActivePeak);
        Assert.Equal(1, telemetry.IdlePeak);
        Assert.Equal([4.0, 250.0], telemetry.ConnectionDurationsMs);
        Assert.Equal([0.5], telemetry.TimeInQueueMs);
    }

    [Fact]
    public void Percentiles_of_nothing_are_null_not_zero()
    {
        Assert.Null(CensusResult.PercentileOrNull([], 50));
        Assert.Equal(4.0, CensusResult.PercentileOrNull([4.0, 250.0], 50));
        Assert.Equal(250.0, CensusResult.PercentileOrNull([4.0, 250.0], 95));
    }

    private static KeyValuePair<string, object?> State(string state) => new("http.connection.state", state);

    private static KeyValuePair<string, object?> PortTag(int port) => new("server.port", port);
}
