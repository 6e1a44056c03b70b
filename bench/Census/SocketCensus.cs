using System.Diagnostics;
using System.Globalization;
using LeakBench.Cases;
using LeakBench.Target;

namespace LeakBench.Census;

/// <summary>
/// Sends N requests of one pattern on a fresh handler and counts, exactly, what they did to sockets:
/// connections opened, the most open at once, what is left ESTABLISHED after a settle and after a
/// forced full GC, TIME_WAIT and CLOSE_WAIT, the target's view, threads and GCs. Each count comes
/// from two sources — the runtime's telemetry (or the counting connect callback, or the target's
/// Kestrel meter) and the OS socket table — and every disagreement is recorded.
/// </summary>
/// <remarks>
/// Run it in a process where nothing else talks to the target's measured port: the telemetry is
/// process-wide and the GC it forces is too.
/// </remarks>
public static class SocketCensus
{
    /// <summary>The census of a pattern with the default client settings (<see cref="CaseClient"/>).</summary>
    public static Task<CensusResult> RunAsync(TargetUrls target, RequestPattern pattern, CensusSettings settings, CancellationToken cancellationToken = default) =>
        RunAsync(target, new StudyCase { Disposed = pattern.Dispose, Drain = pattern.Drain, Completion = pattern.Completion }, pattern, settings, cancellationToken);

    /// <summary>The census of <paramref name="pattern"/>, sent through the client that <paramref name="case"/> sets up.</summary>
    public static async Task<CensusResult> RunAsync(TargetUrls target, StudyCase @case, RequestPattern pattern, CensusSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var pin = @case.Tls ? new CertificatePin(await TargetControl.ReadCertificateThumbprintAsync(target, cancellationToken)) : null;
        return await RunAsync(target, @case, pattern, settings, pin, cancellationToken);
    }

    /// <summary>The census of a case whose TLS client trusts exactly <paramref name="pin"/> (tests pin a wrong one to see the case fail).</summary>
    public static async Task<CensusResult> RunAsync(TargetUrls target, StudyCase @case, RequestPattern pattern, CensusSettings settings, CertificatePin? pin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(pattern);
        // Every request either succeeds or throws, so at least one request means at least one success.
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Requests, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.TrajectoryStep, 1);
        // The port the case talks to: the census counts the sockets, the pool's connections and the target's view of that port.
        var port = pattern.Uri.Port;
        var table = settings.SocketTable.Open();
        var disagreements = new List<string>();

        // A clean state: whatever an earlier case or process left is closed and the target has let go of it.
        FullGc();
        await WaitForServerIdleAsync(target, port, cancellationToken);
        await TargetControl.ResetStatsAsync(target, cancellationToken);
        var timeWaitBefore = table.TimeWaitNow(port);

        using var telemetry = new HttpClientTelemetry(port);
        using var handshakes = new TlsHandshakeListener();
        var counter = new ConnectionCounter();
        // Every client the case's lifetime makes, per request or shared, connects through the counting callback.
        using var requester = new CaseRequester(@case, counter.ConnectAsync, pin);
        var buffer = new byte[64 * 1024];
        var trajectory = new List<int>();
        int succeeded = 0, peak = 0;
        int? stoppedAt = null, stalledAt = null;
        var latenciesUs = new List<double>(settings.Requests);
        var gcBefore = GcCounts();
        var gcSeen = gcBefore;
        var gcEvents = new List<GcEvent>();

        for (var i = 0; i < settings.Requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using (var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                bounded.CancelAfter(settings.RequestTimeout);
                try
                {
                    await SendOneAsync(pattern, requester, buffer, bounded.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Our bound or the client's timeout: the request stalled. Stop at the first one.
                    stalledAt = i + 1;
                    break;
                }
            }

            latenciesUs.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            succeeded++;
            var gcNow = GcCounts();
            if (gcNow != gcSeen)
            {
                // A gen2 collection raises the gen0 and gen1 counts too: the highest count that rose is the generation collected.
                gcEvents.Add(new GcEvent(i + 1, gcNow.Gen2 != gcSeen.Gen2 ? 2 : gcNow.Gen1 != gcSeen.Gen1 ? 1 : 0));
                gcSeen = gcNow;
            }

            var open = (int)telemetry.Open;
            peak = Math.Max(peak, open);

            if ((i + 1) % settings.TrajectoryStep == 0)
            {
                var sample = await AgreeAsync("open client sockets at request " + (i + 1).ToString(CultureInfo.InvariantCulture),
                    c => c.Open, table, port, timeWaitBefore, telemetry, settings, disagreements, cancellationToken);
                trajectory.Add(sample.Open);
                peak = Math.Max(peak, sample.Open);
            }

            if (open >= settings.MaxOpenSockets)
            {
                stoppedAt = i + 1;
                break;
            }

            if (settings.PauseBetweenRequests > TimeSpan.Zero)
            {
                await Task.Delay(settings.PauseBetweenRequests, cancellationToken);
            }
        }

        var gcAfter = GcCounts();
        if (succeeded == 0)
        {
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"the first request to {pattern.Uri} did not complete within {settings.RequestTimeout.TotalSeconds:0.#} s: no request succeeded, so there is no census"));
        }

        if (trajectory.Count == 0 || succeeded % settings.TrajectoryStep != 0)
        {
            trajectory.Add(table.Count(port, timeWaitBefore).Open);
        }

        await Task.Delay(settings.Settle, cancellationToken);
        // One reading of the table gives the leak and the TIME_WAIT / CLOSE_WAIT counts of the same moment.
        var settled = await AgreeAsync("ESTABLISHED after the settle", c => c.Established, table, port, timeWaitBefore, telemetry, settings, disagreements, cancellationToken);
        var leaked = settled.Established;
        var threads = CurrentThreadCount();

        FullGc();
        var afterGc = (await AgreeAsync("ESTABLISHED after a full GC", c => c.Established, table, port, timeWaitBefore, telemetry, settings, disagreements, cancellationToken)).Established;

        // The target counts accepted connections with its own Kestrel meter: an independent check of "opened".
        var serverStats = (await WaitForServerCountAsync(target, port, afterGc, settings.AgreementWindow, cancellationToken)).ForPort(port);
        if (serverStats.ConnectionsAccepted != counter.Opened)
        {
            disagreements.Add(string.Create(CultureInfo.InvariantCulture,
                $"connections opened: the connect callback counted {counter.Opened}, the target accepted {serverStats.ConnectionsAccepted}"));
        }

        // TLS handshakes, two sources: the client's System.Net.Security events and the target's Kestrel meter.
        if (@case.Tls && handshakes.Completed != serverStats.TlsHandshakes)
        {
            disagreements.Add(string.Create(CultureInfo.InvariantCulture,
                $"TLS handshakes: the client's System.Net.Security events counted {handshakes.Completed}, the target's kestrel.tls_handshake.duration counted {serverStats.TlsHandshakes}"));
        }

        var serverActive = serverStats.ActiveConnections;
        latenciesUs.Sort();

        return new CensusResult
        {
            Requests = settings.Requests,
            Succeeded = succeeded,
            StoppedAt = stoppedAt,
            StalledAt = stalledAt,
            ConnectionsOpened = counter.Opened,
            PeakOpen = peak,
            Leaked = leaked,
            AfterGc = afterGc,
            TimeWait = settled.TimeWait,
            CloseWait = settled.CloseWait,
            ServerActive = serverActive,
            Threads = threads,
            Gen0 = gcAfter.Gen0 - gcBefore.Gen0,
            Gen1 = gcAfter.Gen1 - gcBefore.Gen1,
            Gen2 = gcAfter.Gen2 - gcBefore.Gen2,
            TrajectoryStep = settings.TrajectoryStep,
            Trajectory = trajectory,
            GcEvents = gcEvents,
            Disagreements = disagreements,
            LatencyMeanUs = latenciesUs.Count == 0 ? 0 : latenciesUs.Average(),
            LatencyP50Us = Percentiles.NearestRank(latenciesUs, 50),
            LatencyP95Us = Percentiles.NearestRank(latenciesUs, 95),
            LatencyP99Us = Percentiles.NearestRank(latenciesUs, 99),
            LatencyMaxUs = latenciesUs[^1],
            TlsHandshakes = handshakes.Completed,
            ServerTlsHandshakes = serverStats.TlsHandshakes,
            FailedTlsHandshakes = handshakes.Failed,
            CertificateValidations = pin?.Validations ?? 0,
        };
    }

    /// <summary>A blocking full GC with finalizers: what closes leaked connections.</summary>
    public static void FullGc()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    public static int CurrentThreadCount()
    {
        using var self = Process.GetCurrentProcess();
        return self.Threads.Count;
    }

    // Kept out of the loop's frame: the response must be unreachable once this returns, or the GC could not reclaim it.
    private static Task SendOneAsync(RequestPattern pattern, CaseRequester requester, byte[] buffer, CancellationToken cancellationToken) =>
        requester.SendAsync(pattern, buffer, cancellationToken);

    /// <summary>
    /// Reads two sources until they agree, within the agreement window (a finalizer or a FIN can land
    /// between two readings). Returns the OS table's last reading; records a disagreement when they never agreed.
    /// </summary>
    private static async Task<ClientSocketCounts> AgreeAsync(
        string what, Func<ClientSocketCounts, int> count, ISocketTable table, int port, IReadOnlySet<System.Net.IPEndPoint> timeWaitBefore,
        HttpClientTelemetry telemetry, CensusSettings settings, List<string> disagreements, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var os = table.Count(port, timeWaitBefore);
            var a = count(os);
            var b = (int)telemetry.Open;
            if (a == b)
            {
                return os;
            }

            if (deadline.Elapsed >= settings.AgreementWindow)
            {
                disagreements.Add(string.Create(CultureInfo.InvariantCulture, $"{what}: the OS table says {a}, http.client.open_connections says {b}"));
                return os;
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    private static async Task WaitForServerIdleAsync(TargetUrls target, int port, CancellationToken cancellationToken) =>
        await WaitForServerCountAsync(target, port, 0, TimeSpan.FromSeconds(5), cancellationToken);

    private static async Task<TargetStats> WaitForServerCountAsync(TargetUrls target, int port, long expected, TimeSpan window, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var stats = await TargetControl.ReadStatsAsync(target, cancellationToken);
            if (stats.ForPort(port).ActiveConnections == expected || deadline.Elapsed >= window)
            {
                return stats;
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    private static (int Gen0, int Gen1, int Gen2) GcCounts() => (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
}
