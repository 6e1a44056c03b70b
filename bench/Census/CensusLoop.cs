using System.Diagnostics;
using System.Net.Sockets;
using LeakBench.Cases;
using LeakBench.Pairing;

namespace LeakBench.Census;

/// <summary>
/// The census's requests: N requests of one pattern through the case's client lifetime (one shared
/// client unless the case is about lifetimes, see <see cref="CaseRequester"/>), from one or more
/// concurrent callers, each request timed on its own. It stops at the socket cap, at the first request
/// that stalls (waits until the client's timeout) and at the first that fails with an OS error: a stall
/// and a failure are results, recorded with their request number, not crashes. Any other error (a wrong
/// status or byte count) is a bug and is thrown.
/// </summary>
public sealed class CensusLoop(CensusSettings settings, int maxOpenSockets)
{
    // A plain object, not System.Threading.Lock: the benchmarks also build for .NET 8 (--runtimes), which lacks it.
    private readonly object _gate = new();
    private readonly List<(int Request, int Open)> _samples = [];
    private (int Gen0, int Gen1, int Gen2) _gcSeen = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
    private readonly CallerTimer _callers = new(64 * 1024);

    /// <summary>Requests that completed with the expected answer.</summary>
    public int Succeeded { get; private set; }

    /// <summary>Most open client sockets seen by telemetry after a request.</summary>
    public int Peak { get; private set; }

    /// <summary>The request count at which the socket cap stopped the census; null when it did not.</summary>
    public int? CappedAt { get; private set; }

    /// <summary>The first request (1-based) that failed with an OS error; null when none did.</summary>
    public int? FailedAt { get; private set; }

    /// <summary>The innermost exception of that failure: "SocketException: Too many open files".</summary>
    public string? Failure { get; private set; }

    /// <summary>The first request (1-based) that waited until the client's timeout; null when none did.</summary>
    public int? StalledAt { get; private set; }

    /// <summary>How long that request waited, in milliseconds.</summary>
    public double? StallMs { get; private set; }

    /// <summary>Where that request waited (<see cref="BodyStallException.WhereOf"/>): before its headers, or in its body.</summary>
    public string? StallWhere { get; private set; }

    /// <summary>The GCs that came during the requests, each with the request after which it was seen.</summary>
    public List<GcEvent> GcEvents { get; } = [];

    /// <summary>Per-request latencies of the successful requests, in microseconds (unsorted).</summary>
    public List<double> LatenciesUs { get; } = [];

    /// <summary>Open client sockets (OS table) at every trajectory step, in request order.</summary>
    public List<int> Trajectory => [.. _samples.OrderBy(s => s.Request).Select(s => s.Open)];

    /// <summary>
    /// Sends the requests from <paramref name="callers"/> concurrent callers. <paramref name="sample"/> (null: no
    /// sampling) reads the OS table's open count after every <see cref="CensusSettings.TrajectoryStep"/> requests.
    /// </summary>
    public async Task SendAsync(RequestPattern pattern, CaseRequester client, int callers, HttpClientTelemetry telemetry, Func<int, Task<int>>? sample, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(callers, 1);
        await _callers.ShareAsync(settings.Requests, callers, (request, buffer) => SendCountedAsync(request, buffer, pattern, client, telemetry, sample, cancellationToken));
    }

    /// <summary>One more request after a stall and a forced GC: true when it succeeds, false when it stalls or fails again.</summary>
    public static async Task<bool> TryOneMoreAsync(RequestPattern pattern, CaseRequester client, CancellationToken cancellationToken)
    {
        var (error, _) = await SendOneAsync(pattern, client, new byte[64 * 1024], cancellationToken);
        return error is null || (!IsStall(error, cancellationToken) && FailureOf(error) is null ? throw error : false);
    }

    /// <summary>
    /// True when <paramref name="error"/> is the request timeout (HttpClient.Timeout before the headers, the body's
    /// deadline after them, see <see cref="RequestPattern.SendAsync"/>), not a cancellation by the caller.
    /// </summary>
    public static bool IsStall(Exception error, CancellationToken cancellationToken) =>
        error is TaskCanceledException { InnerException: TimeoutException } && !cancellationToken.IsCancellationRequested;

    /// <summary>"Type: OS error text" of the innermost exception when <paramref name="error"/> is an OS-level failure (a socket or I/O error); else null.</summary>
    public static string? FailureOf(Exception error)
    {
        var chain = new List<Exception>();
        for (var e = error; e is not null; e = e.InnerException)
        {
            chain.Add(e);
        }

        return chain.Any(e => e is SocketException or IOException) ? $"{chain[^1].GetType().Name}: {chain[^1].Message}" : null;
    }

    // One request of the census: timed, counted, sampled; a stall or a failure stops every caller.
    private async Task SendCountedAsync(int request, byte[] buffer, RequestPattern pattern, CaseRequester client, HttpClientTelemetry telemetry, Func<int, Task<int>>? sample, CancellationToken cancellationToken)
    {
        var (error, elapsed) = await SendOneAsync(pattern, client, buffer, cancellationToken);
        if (error is not null)
        {
            Record(request, error, elapsed, cancellationToken);
            return;
        }

        var open = (int)telemetry.Open;
        lock (_gate)
        {
            LatenciesUs.Add(elapsed.TotalMicroseconds);
            Succeeded++;
            Peak = Math.Max(Peak, open);
            var gcNow = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            if (gcNow != _gcSeen)
            {
                // A gen2 collection raises the gen0 and gen1 counts too: the highest count that rose is the generation collected.
                GcEvents.Add(new GcEvent(request, gcNow.Item3 != _gcSeen.Gen2 ? 2 : gcNow.Item2 != _gcSeen.Gen1 ? 1 : 0));
                _gcSeen = gcNow;
            }
        }

        if (sample is not null && request % settings.TrajectoryStep == 0)
        {
            var sampled = await sample(request);
            lock (_gate)
            {
                _samples.Add((request, sampled));
                Peak = Math.Max(Peak, sampled);
            }
        }

        if (open >= maxOpenSockets)
        {
            lock (_gate)
            {
                CappedAt ??= request;
            }

            _callers.Stop();
        }

        if (settings.PauseBetweenRequests > TimeSpan.Zero)
        {
            await Task.Delay(settings.PauseBetweenRequests, cancellationToken);
        }
    }

    private void Record(int request, Exception error, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        _callers.Stop();
        if (IsStall(error, cancellationToken))
        {
            lock (_gate)
            {
                if (StalledAt is null || request < StalledAt)
                {
                    StalledAt = request;
                    StallMs = elapsed.TotalMilliseconds;
                    StallWhere = BodyStallException.WhereOf(error);
                }
            }
        }
        else if (FailureOf(error) is { } failure)
        {
            lock (_gate)
            {
                if (FailedAt is null || request < FailedAt)
                {
                    FailedAt = request;
                    Failure = failure;
                }
            }
        }
        else
        {
            throw error;
        }
    }

    // Kept out of the caller's frame: the response must be unreachable once this returns, or the GC could not reclaim it.
    private static async Task<(Exception? Error, TimeSpan Elapsed)> SendOneAsync(RequestPattern pattern, CaseRequester client, byte[] buffer, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await client.SendAsync(pattern, buffer, cancellationToken);
            return (null, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or SocketException)
        {
            return (e, Stopwatch.GetElapsedTime(started));
        }
    }
}
