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
    /// <remarks>
    /// A stall (a request that waits until the client's timeout) or a failure (a request that fails with an
    /// OS error, e.g. "Too many open files") is a result: the census stops sending there, records it, and
    /// counts what is left as usual. After a stall it forces a full GC and sends one more request, to
    /// show whether the GC frees what the leak holds. Any other error (a wrong status or byte count) throws.
    /// </remarks>
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
        var targetBefore = await TargetControl.ReadStatsAsync(target, cancellationToken);
        var timeWaitBefore = table.TimeWaitNow(port);

        using var telemetry = new HttpClientTelemetry(port, settings.Requests);
        // Only where there are handshakes to count: an EventListener in the process costs allocations of its own.
        using var handshakes = @case.Tls ? new TlsHandshakeListener() : null;
        // The client's held responses, only for HTTP/2 (one weak handle per request; see HeldResponses).
        var held = @case.Protocol == HttpProtocol.Http2 && !pattern.Dispose ? new HeldResponses() : null;
        if (held is not null)
        {
            pattern = pattern with { OnUndisposed = held.Track };
        }
        var counter = new ConnectionCounter();
        // Every client the case's lifetime makes, per request or shared, connects through the counting callback.
        using var requester = new CaseRequester(@case, counter.ConnectAsync, pin);
        var run = new CensusLoop(settings, @case.FdLimit is null ? settings.MaxOpenSocketsFor(@case.BodyBytes) : int.MaxValue);
        var gcBefore = GcCounts();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        // The fd limit (a case dimension): lowered only in this process, only while the requests are sent.
        // While it is lowered nothing reads /proc or the control port (those reads need descriptors too).
        int? fdsBefore = null;
        var lowered = @case.FdLimit is int fdLimit && FileDescriptorLimit.IsSupported;
        var loopClock = Stopwatch.StartNew();
        if (lowered)
        {
            fdsBefore = FileDescriptorLimit.OpenNow();
            using (FileDescriptorLimit.LowerSoft((ulong)@case.FdLimit!.Value))
            {
                await run.SendAsync(pattern, requester, @case.Callers, telemetry, sample: null, cancellationToken);
            }
        }
        else
        {
            await run.SendAsync(pattern, requester, @case.Callers, telemetry, async requestNumber =>
            {
                var sample = await AgreeAsync("open client sockets at request " + requestNumber.ToString(CultureInfo.InvariantCulture),
                    c => c.Open, table, port, timeWaitBefore, telemetry, settings, disagreements, cancellationToken, heldOnly: true);
                return sample.Open;
            }, cancellationToken);
        }

        loopClock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var gcAfter = GcCounts();
        // From here to the forced GC, no GC: the readings below allocate, and a GC they brought would close the leak
        // before it is counted (see GcFreeWindow). The settle counts from the end of the requests.
        var window = GcFreeWindow.Open();
        var settleClock = Stopwatch.StartNew();

        // What the target still has in flight when the sending stopped: the streams (or requests) the leak holds. Over
        // HTTP/2 the client's own count beside it: its undisposed responses not yet collected. The two differ by design
        // where a response ended its stream but is still held (an unread 1 KiB body), so they are shown side by side,
        // not required to agree.
        // What the open connections hold in the kernel, both ends (the target's sockets are in this machine's table only
        // when it runs here, on loopback), read at the end of the requests and, where that shows bytes, again after the
        // delayed-ACK maximum; the second reading is kept. A leak's bytes are never read, so they stay queued until a GC
        // closes the connection, and the window keeps that GC away: both readings have them. A connection that read
        // everything can still show its last response in the target's send queue until the client's delayed ACK (a
        // baseline's 1,142 bytes): the second reading has drained it. Waited inside the settle, so it costs a case time
        // only where the settle is shorter than the delayed-ACK maximum (the quick job's), and only where bytes showed.
        var queues = table.QueuedBytes(port, targetOnThisMachine: target.Http1.IsLoopback);
        var targetAtEnd = await TargetControl.ReadStatsAsync(target, cancellationToken);
        var openStreams = targetAtEnd.ForPort(port).ActiveRequests;
        long? clientOpenStreams = @case.Protocol == HttpProtocol.Http2 ? held?.Alive ?? 0 : null;
        if (queues is { Any: true })
        {
            await DelayUntilAsync(settleClock, KernelQueues.DelayedAckMax, cancellationToken);
            queues = table.QueuedBytes(port, targetOnThisMachine: target.Http1.IsLoopback) ?? queues;
        }

        bool? gcFreesIt = null;
        var gcAfterRequests = false;
        if (run.StalledAt is not null)
        {
            // The forced GC here is the point (does it free what the stall holds?): the window ends first.
            gcAfterRequests = !window.Close();
            FullGc();
            gcFreesIt = await CensusLoop.TryOneMoreAsync(pattern, requester, cancellationToken);
            settleClock.Restart();
        }

        var trajectory = run.Trajectory;
        if (trajectory.Count == 0 || run.Succeeded % settings.TrajectoryStep != 0)
        {
            trajectory.Add(table.Count(port, timeWaitBefore).Open);
        }

        await DelayUntilAsync(settleClock, settings.Settle, cancellationToken);
        // One reading of the table gives the leak and the TIME_WAIT / CLOSE_WAIT counts of the same moment.
        // The pool counts a connection open until it closes its socket: one the server closed first (CLOSE_WAIT, e.g. nginx's
        // keepalive_timeout) is still the client's, so the OS side of the comparison is every socket the client holds.
        var settled = await AgreeAsync("ESTABLISHED + CLOSE_WAIT after the settle", Held, table, port, timeWaitBefore, telemetry, settings, disagreements, cancellationToken);
        var leaked = settled.Established;
        var threads = CurrentThreadCount();

        // The forced full GC that closes the leak, measured: what it kept alive only for finalization.
        if (run.StalledAt is null)
        {
            gcAfterRequests = !window.Close();
        }

        var kept = FinalizableKept.Measure();
        var afterGcCounts = await AgreeAsync("ESTABLISHED + CLOSE_WAIT after a full GC", Held, table, port, timeWaitBefore, telemetry, settings, disagreements, cancellationToken);
        var afterGc = afterGcCounts.Established;
        var afterGcOpen = afterGcCounts.Open;

        // The target counts accepted connections with its own Kestrel meter: an independent check of "opened".
        var serverPort = (await WaitForServerCountAsync(target, port, afterGc, settings.AgreementWindow, cancellationToken)).ForPort(port);
        if (serverPort.ConnectionsAccepted != counter.Opened)
        {
            disagreements.Add(string.Create(CultureInfo.InvariantCulture,
                $"connections opened: the connect callback counted {counter.Opened}, the target accepted {serverPort.ConnectionsAccepted}"));
        }

        // TLS handshakes, two sources: the client's System.Net.Security events and the target's Kestrel meter.
        if (@case.Tls && handshakes!.Completed != serverPort.TlsHandshakes)
        {
            disagreements.Add(string.Create(CultureInfo.InvariantCulture,
                $"TLS handshakes: the client's System.Net.Security events counted {handshakes!.Completed}, the target's kestrel.tls_handshake.duration counted {serverPort.TlsHandshakes}"));
        }

        // The pool's connections close with the handler, which records their http.client.connection.duration (recorded
        // only when a connection closes); every count above was read before.
        requester.Dispose();
        var durationsMs = telemetry.ConnectionDurationsMs;
        var queueMs = telemetry.TimeInQueueMs;

        var latenciesUs = run.LatenciesUs;
        latenciesUs.Sort();
        if (latenciesUs.Count == 0)
        {
            // Zero successful requests is an error, not a row.
            throw new InvalidOperationException($"the census of {@case.Label} had no successful request: {run.Failure ?? "request 1 stalled"}");
        }

        var gen0 = gcAfter.Gen0 - gcBefore.Gen0;
        return new CensusResult
        {
            OpenConnectionsActivePeak = telemetry.ActivePeak,
            OpenConnectionsIdlePeak = telemetry.IdlePeak,
            ConnectionDurationCount = durationsMs.Count,
            ConnectionDurationP50Ms = CensusResult.PercentileOrNull(durationsMs, 50),
            ConnectionDurationP95Ms = CensusResult.PercentileOrNull(durationsMs, 95),
            TimeInQueueCount = queueMs.Count,
            TimeInQueueP95Ms = CensusResult.PercentileOrNull(queueMs, 95),
            TimeInQueueMaxMs = queueMs.Count == 0 ? null : queueMs[^1],
            Requests = settings.Requests,
            Succeeded = run.Succeeded,
            StoppedAt = run.CappedAt,
            ConnectionsOpened = counter.Opened,
            PeakOpen = Math.Max(run.Peak, trajectory.Max()),
            Leaked = leaked,
            AfterGc = afterGc,
            TimeWait = settled.TimeWait,
            CloseWait = settled.CloseWait,
            ServerActive = serverPort.ActiveConnections,
            Threads = threads,
            Gen0 = gen0,
            Gen1 = gcAfter.Gen1 - gcBefore.Gen1,
            Gen2 = gcAfter.Gen2 - gcBefore.Gen2,
            TrajectoryStep = settings.TrajectoryStep,
            Trajectory = trajectory,
            GcEvents = run.GcEvents,
            Disagreements = disagreements,
            LatencyMeanUs = latenciesUs.Average(),
            LatencyP50Us = Percentiles.NearestRank(latenciesUs, 50),
            LatencyP95Us = Percentiles.NearestRank(latenciesUs, 95),
            LatencyP99Us = Percentiles.NearestRank(latenciesUs, 99),
            LatencyMaxUs = latenciesUs[^1],
            TlsHandshakes = handshakes?.Completed ?? 0,
            ServerTlsHandshakes = serverPort.TlsHandshakes,
            ServerTlsHandshakeMeanUs = serverPort.TlsHandshakes > 0 ? (double)serverPort.TlsHandshakeMicroseconds / serverPort.TlsHandshakes : null,
            FailedTlsHandshakes = handshakes?.Failed ?? 0,
            CertificateValidations = pin?.Validations ?? 0,
            FailedAt = run.FailedAt,
            Failure = run.Failure,
            StalledAt = run.StalledAt,
            StallMs = run.StallMs,
            StallWhere = run.StallWhere,
            GcFreesIt = gcFreesIt,
            FdLimit = lowered ? @case.FdLimit : null,
            FdsBefore = fdsBefore,
            GcConfig = GcEnvironment.Describe(@case.GcConfig),
            ServerGc = System.Runtime.GCSettings.IsServerGC,
            AllocatedBytes = allocated,
            Gen0Budget = gen0 > 0 ? allocated / gen0 : null,
            MaxConnections = @case.MaxConnectionsPerServer,
            Callers = @case.Callers,
            OpenStreams = openStreams,
            ClientOpenStreams = clientOpenStreams,
            RequestsPerSecond = loopClock.Elapsed.TotalSeconds > 0 ? run.Succeeded / loopClock.Elapsed.TotalSeconds : 0,
            ClientQueuedBytes = queues?.ClientBytes,
            ServerQueuedBytes = queues?.ServerBytes,
            QueuedOpenSockets = queues?.OpenClientSockets,
            GcPromotedBytes = kept.PromotedBytes,
            FinalizableObjects = kept.FinalizableObjects,
            OpenBeforeGc = settled.Open,
            ClosedByGc = settled.Open - afterGcOpen,
            GcAfterRequests = gcAfterRequests,
            TargetGcHeapBytesBefore = targetBefore.GcHeapBytes,
            TargetGcHeapBytes = targetAtEnd.GcHeapBytes,
            TargetWorkingSetBytesBefore = targetBefore.WorkingSetBytes,
            TargetWorkingSetBytes = targetAtEnd.WorkingSetBytes,
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

    /// <summary>The client's sockets that a process still holds open after the requests: ESTABLISHED, and CLOSE_WAIT where the server closed first.</summary>
    private static int Held(ClientSocketCounts counts) => counts.Established + counts.CloseWait;

    /// <summary>
    /// Reads two sources until they agree, within the agreement window (a finalizer or a FIN can land
    /// between two readings). Returns the OS table's last reading; records a disagreement when they never agreed.
    /// </summary>
    private static async Task<ClientSocketCounts> AgreeAsync(
        string what, Func<ClientSocketCounts, int> count, ISocketTable table, int port, IReadOnlySet<System.Net.IPEndPoint> timeWaitBefore,
        HttpClientTelemetry telemetry, CensusSettings settings, List<string> disagreements, CancellationToken cancellationToken, bool heldOnly = false)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            // Samples during the requests read only the held sockets, without allocating (see HeldSocketScan).
            var os = heldOnly ? table.CountHeld(port) : table.Count(port, timeWaitBefore);
            var a = count(os);
            var b = (int)telemetry.Open;
            if (a == b)
            {
                return os;
            }

            if (deadline.Elapsed >= settings.AgreementWindow)
            {
                lock (disagreements)
                {
                    disagreements.Add(string.Create(CultureInfo.InvariantCulture, $"{what}: the OS table says {a}, http.client.open_connections says {b}"));
                }

                return os;
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>
    /// How long a census waits for the connections of an earlier case to close by themselves before it aborts them: that
    /// case's process has exited or collected them, so their FIN reaches the target within milliseconds on loopback.
    /// </summary>
    public static readonly TimeSpan ServerIdleWait = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Waits until the target serves no connection on <paramref name="port"/> nor on its other measured ports (cases run
    /// one at a time, so anything there is left over); what is left after <see cref="ServerIdleWait"/> an earlier case
    /// left (Kestrel sometimes keeps one after the HTTP/2 stall cases), and the census has the target abort it rather
    /// than wait for it: it would add to this case's server count, hold every later census up, and keep its buffers in
    /// the target.
    /// </summary>
    private static async Task WaitForServerIdleAsync(TargetUrls target, int port, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var stats = await TargetControl.ReadStatsAsync(target, cancellationToken);
            var busy = new[] { stats.Http1, stats.H2c, stats.Https }.OfType<PortStats>().Where(p => p.ActiveConnections > 0).ToList();
            if (busy.Count == 0)
            {
                return;
            }

            if (deadline.Elapsed >= ServerIdleWait)
            {
                foreach (var left in busy)
                {
                    var aborted = await TargetControl.AbortConnectionsAsync(target, left.Port, cancellationToken);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"census: the target still served {left.ActiveConnections} connection(s) on port {left.Port}, left by an earlier case, after {ServerIdleWait.TotalSeconds:0.#} s; aborted {aborted}"));
                }

                await WaitForServerCountAsync(target, port, 0, TimeSpan.FromSeconds(5), cancellationToken);
                return;
            }

            await Task.Delay(20, cancellationToken);
        }
    }

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

    private static async Task DelayUntilAsync(Stopwatch clock, TimeSpan until, CancellationToken cancellationToken)
    {
        var left = until - clock.Elapsed;
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left, cancellationToken);
        }
    }

    private static (int Gen0, int Gen1, int Gen2) GcCounts() => (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
}
