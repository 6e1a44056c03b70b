namespace LeakBench.Census;

/// <summary>
/// What <c>dotnet-counters monitor --counters System.Net.Http</c> shows of the census's handler (issue 23), read from the
/// same meter in-process: open connections by state at their peak, how long connections lived, and how long requests
/// waited for one. Null in a census file written before they were recorded, and where nothing was measured (no
/// connection closed, no request queued).
/// </summary>
public sealed partial record CensusResult
{
    /// <summary>The peak of <c>http.client.open_connections{http.connection.state=active}</c> during the census.</summary>
    public long? OpenConnectionsActivePeak { get; init; }

    /// <summary>The peak of <c>http.client.open_connections{http.connection.state=idle}</c> during the census.</summary>
    public long? OpenConnectionsIdlePeak { get; init; }

    /// <summary>Connections whose <c>http.client.connection.duration</c> was recorded: those that closed before the census ended (its handler closed at its end).</summary>
    public int? ConnectionDurationCount { get; init; }

    /// <summary>Median <c>http.client.connection.duration</c>, in milliseconds (nearest rank).</summary>
    public double? ConnectionDurationP50Ms { get; init; }

    /// <summary>95th percentile <c>http.client.connection.duration</c>, in milliseconds (nearest rank).</summary>
    public double? ConnectionDurationP95Ms { get; init; }

    /// <summary>Requests whose <c>http.client.request.time_in_queue</c> was recorded.</summary>
    public int? TimeInQueueCount { get; init; }

    /// <summary>95th percentile <c>http.client.request.time_in_queue</c>, in milliseconds (nearest rank): a stall waits here.</summary>
    public double? TimeInQueueP95Ms { get; init; }

    /// <summary>Longest <c>http.client.request.time_in_queue</c>, in milliseconds.</summary>
    public double? TimeInQueueMaxMs { get; init; }

    /// <summary>The nearest-rank percentile of sorted values; null when there are none.</summary>
    public static double? PercentileOrNull(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? null : Percentiles.NearestRank(sorted, p);
}
