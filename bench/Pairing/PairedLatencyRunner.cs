using System.Diagnostics;
using LeakBench.Cases;
using LeakBench.Census;
using LeakBench.Statistics;

namespace LeakBench.Pairing;

/// <summary>
/// Times a case against its baseline side by side, in the benchmark process, so that a drift in the
/// machine's speed falls on both alike. Each request is timed on its own with <see cref="Stopwatch"/>.
/// <para>
/// A block pair is two fresh requesters (one per side, each built as its case builds it, each warmed by
/// <see cref="PairingSettings.HandlerWarmupRequests"/> untimed requests), alive together; each side's
/// <see cref="PairingSettings.BlockRequests"/> timed requests go in sub-blocks of
/// <see cref="PairingSettings.SubBlockRequests"/> that alternate in ABBA order, and which side goes first is
/// drawn at random for each two pairs, one of each order (balanced). The pair, not the request, is the unit of
/// the estimate. A connection has state of its own (its TCP window, the server thread that serves it): with one
/// handler per side for the whole comparison, two identical sides ran at consistently different speeds (an A/A
/// of ×1.46 on 2 MiB bodies), so every pair gets new connections and that effect widens the bounds instead of
/// biasing the ratio. Within a pair the sides interleave closely because this machine's speed moves between
/// regimes within milliseconds (see <see cref="PairingSettings.DefaultSubBlockRequests"/>).
/// </para>
/// <para>
/// A leaking case leaves sockets open that could slow the baseline requests next to it. Between pairs
/// (never inside one) a full GC with finalizers runs when more than <see cref="OpenSocketBound"/>
/// client sockets are open — the bound the timed benchmarks use between iterations. The count comes
/// from the OS socket table where there is one (Linux); elsewhere from the connections the handlers
/// opened since the last such GC, which is never fewer than those still open. Inside a pair a leaking
/// case adds at most <see cref="PairingSettings.BlockRequests"/> sockets.
/// </para>
/// <para>
/// Pairs are added until the median ratio's bounds reach the asked precision, the case's time cap passes, or the pair
/// ceiling (<see cref="PairingSettings"/>, <see cref="Statistics.PrecisionRule"/>). A case with concurrent callers is
/// timed under its load: in each sub-block all its callers send at once on the side's client.
/// </para>
/// <para>A request that fails or stalls past the request timeout throws: that comparison has no ratio.</para>
/// </summary>
public static class PairedLatencyRunner
{
    /// <summary>The fewest block pairs the time cap leaves a comparison: what 95% bounds need, made even (each order as often).</summary>
    public static int MinimumPairsForBounds { get; } = PairedRatioEstimator.MinimumPairs + (PairedRatioEstimator.MinimumPairs % 2);

    /// <summary>Open client sockets above which a full GC runs between pairs (the same bound as the timed benchmarks').</summary>
    public const int OpenSocketBound = 256;

    /// <summary>
    /// The case against its baseline, both sending to <paramref name="target"/> (the case's own URL, as the census does)
    /// through the client lifetime, protocol and TLS settings each case names (<see cref="CaseRequester"/>). The A/A check
    /// is the baseline passed as both: two identical handlers, the same interleaving.
    /// </summary>
    /// <param name="pin">The target's certificate, for TLS cases (their client trusts exactly it).</param>
    public static Task<PairingRun> RunAsync(Uri target, StudyCase @case, StudyCase baseline, PairingSettings settings, CertificatePin? pin = null, CancellationToken cancellationToken = default) =>
        RunPairsAsync(target, @case, baseline, settings, pin, cancellationToken);

    /// <summary>
    /// Which side runs first in each of <paramref name="pairs"/> pairs: for each two pairs one of each
    /// order, the order of the two drawn from <paramref name="seed"/>. True means the case first.
    /// </summary>
    public static bool[] CaseFirstOrder(int pairs, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pairs);
        var random = new Random(seed);
        var order = new bool[pairs];
        for (var i = 0; i < pairs; i += 2)
        {
            var caseFirst = random.Next(2) == 0;
            order[i] = caseFirst;
            if (i + 1 < pairs)
            {
                order[i + 1] = !caseFirst;
            }
        }

        return order;
    }

    private static async Task<PairingRun> RunPairsAsync(Uri target, StudyCase @case, StudyCase baseline, PairingSettings settings, CertificatePin? pin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.MaxPairs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.BlockRequests);
        ArgumentOutOfRangeException.ThrowIfNegative(settings.HandlerWarmupRequests);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.SubBlockRequests);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.Callers);

        var started = Stopwatch.GetTimestamp();
        var caseSide = new Side(Timed(@case, settings), RequestPattern.For(target, @case), new ConnectionCounter(), settings, pin);
        var baselineSide = new Side(Timed(baseline, settings), RequestPattern.For(target, baseline), new ConnectionCounter(), settings, pin);
        var ports = new[] { caseSide.Pattern.Uri.Port, baselineSide.Pattern.Uri.Port }.Distinct().ToArray();

        // JIT, thread pool and the target warm on a handler of each side's own, then that handler goes.
        await caseSide.WarmUpAsync(settings.WarmupRequests, cancellationToken);
        await baselineSide.WarmUpAsync(settings.WarmupRequests, cancellationToken);

        var bound = new SocketBound(ports, () => caseSide.Counter.Opened + baselineSide.Counter.Opened);
        bound.Apply();
        var inFlight = new InFlight();
        var order = CaseFirstOrder(settings.MaxPairs, settings.OrderSeed);
        var pairs = new List<BlockPair>(Math.Min(settings.MaxPairs, 256));
        var medianLogs = new List<double>(pairs.Capacity);
        var stop = PairingStop.PairCeiling;
        while (pairs.Count < settings.MaxPairs)
        {
            // The cap stops only at an even count, so that each order of the two sides ran equally often, and never before
            // the pairs that bounds need: a 2 MiB TLS A/A got 4 pairs of 0.5 s in its 2 s quick cap (2026-12-03, a slow VM),
            // and with them no ratio at all, so its group had no calibration.
            if (pairs.Count % 2 == 0 && pairs.Count >= MinimumPairsForBounds && Stopwatch.GetElapsedTime(started) >= settings.TimeBudget)
            {
                stop = PairingStop.TimeCap;
                break;
            }

            var pair = await TimePairAsync(caseSide, baselineSide, order[pairs.Count], settings, inFlight, cancellationToken);
            pairs.Add(pair);
            medianLogs.Add(PairedRatioEstimator.MedianLogRatio(pair));
            bound.Apply();
            // Stops on the width of the bounds, never on the estimate (see PrecisionRule).
            if (settings.PrecisionTarget is { } asked && PrecisionRule.IsCheckPoint(pairs.Count, settings.MinPairs)
                && PrecisionRule.Reached(PairedRatioEstimator.FromLogs(medianLogs), asked))
            {
                stop = PairingStop.Precision;
                break;
            }
        }

        return new PairingRun(pairs, Stopwatch.GetElapsedTime(started), bound.Gcs, caseSide.Counter.Opened, baselineSide.Counter.Opened, stop)
        {
            CaseFirst = order.Take(pairs.Count).ToList(),
            PeakInFlight = inFlight.Peak,
        };
    }

    /// <summary>
    /// Which side each sub-block of a pair belongs to: <paramref name="subBlocksPerSide"/> sub-blocks a side, in ABBA
    /// order (A B B A A B B A …) from the side that goes first. True means the case.
    /// </summary>
    public static bool[] SubBlockOrder(int subBlocksPerSide, bool caseFirst)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(subBlocksPerSide);
        var order = new bool[2 * subBlocksPerSide];
        for (var m = 0; m < order.Length; m++)
        {
            // Positions 0 and 3 of every four go to the first side: each side is first and last equally often.
            order[m] = (m % 4 is 0 or 3) == caseFirst;
        }

        return order;
    }

    /// <summary>
    /// One block pair: a fresh warmed requester per side, both alive together, and each side's
    /// <see cref="PairingSettings.BlockRequests"/> timed requests sent in sub-blocks of
    /// <see cref="PairingSettings.SubBlockRequests"/> that alternate in ABBA order. A pair spans a few milliseconds for
    /// 1 KiB bodies, so both sides meet the same machine state; the connections are new in every pair.
    /// </summary>
    private static async Task<BlockPair> TimePairAsync(Side caseSide, Side baselineSide, bool caseFirst, PairingSettings settings, InFlight inFlight, CancellationToken cancellationToken)
    {
        // The side that goes first opens (and warms) its connection first too.
        using var firstRequester = await (caseFirst ? caseSide : baselineSide).FreshWarmedAsync(cancellationToken);
        using var secondRequester = await (caseFirst ? baselineSide : caseSide).FreshWarmedAsync(cancellationToken);
        var (caseRequester, baselineRequester) = caseFirst ? (firstRequester, secondRequester) : (secondRequester, firstRequester);
        var callers = Math.Max(1, settings.Callers);
        var caseLatencies = new List<double>(settings.BlockRequests * callers);
        var baselineLatencies = new List<double>(settings.BlockRequests * callers);
        var subBlocks = (settings.BlockRequests + settings.SubBlockRequests - 1) / settings.SubBlockRequests;
        var sent = new Dictionary<bool, int> { [true] = 0, [false] = 0 };
        foreach (var isCase in SubBlockOrder(subBlocks, caseFirst))
        {
            var (side, requester, latencies) = isCase ? (caseSide, caseRequester, caseLatencies) : (baselineSide, baselineRequester, baselineLatencies);
            var requests = Math.Min(settings.SubBlockRequests, settings.BlockRequests - sent[isCase]);
            sent[isCase] += requests;
            latencies.AddRange(await side.TimeSubBlockAsync(requester, requests, inFlight, cancellationToken));
        }

        return new BlockPair(caseLatencies, baselineLatencies);
    }

    /// <summary>Timed requests in flight now and at most; Interlocked, since concurrent callers time at once.</summary>
    private sealed class InFlight
    {
        private int _now;
        private int _peak;

        public int Peak => Volatile.Read(ref _peak);

        public void Enter()
        {
            var now = Interlocked.Increment(ref _now);
            var peak = Volatile.Read(ref _peak);
            while (now > peak && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
            {
                peak = Volatile.Read(ref _peak);
            }
        }

        public void Leave() => Interlocked.Decrement(ref _now);
    }

    // A case's own request timeout where it names one (the stall classes' 2 s), else the pairing's.
    private static StudyCase Timed(StudyCase @case, PairingSettings settings) => @case with { RequestTimeout = @case.RequestTimeout ?? settings.RequestTimeout };

    /// <summary>
    /// One side of the comparison: its case's pattern, a new requester (handler, or per-request clients, as the case's
    /// lifetime makes them) for each block, one counter for all its connections.
    /// </summary>
    private sealed class Side(StudyCase @case, RequestPattern pattern, ConnectionCounter counter, PairingSettings settings, CertificatePin? pin)
    {
        // A read buffer a caller; the warm-ups use one more.
        private const int BufferBytes = 64 * 1024;
        private readonly byte[] _buffer = new byte[BufferBytes];
        private readonly CallerTimer _callers = new(BufferBytes);

        public RequestPattern Pattern => pattern;

        public ConnectionCounter Counter => counter;

        public async Task WarmUpAsync(int requests, CancellationToken cancellationToken)
        {
            using var requester = NewRequester();
            for (var i = 0; i < requests; i++)
            {
                await requester.SendAsync(pattern, _buffer, cancellationToken);
            }
        }

        /// <summary>A fresh requester of this side's case, warmed by <see cref="PairingSettings.HandlerWarmupRequests"/> untimed requests.</summary>
        public async Task<CaseRequester> FreshWarmedAsync(CancellationToken cancellationToken)
        {
            var requester = NewRequester();
            try
            {
                for (var i = 0; i < settings.HandlerWarmupRequests; i++)
                {
                    await requester.SendAsync(pattern, _buffer, cancellationToken);
                }

                return requester;
            }
            catch
            {
                requester.Dispose();
                throw;
            }
        }

        /// <summary>
        /// <paramref name="requests"/> of this side's requests on <paramref name="requester"/> from each of the case's callers
        /// (<see cref="CallerTimer"/>): their latencies in microseconds.
        /// </summary>
        public Task<IReadOnlyList<double>> TimeSubBlockAsync(CaseRequester requester, int requests, InFlight inFlight, CancellationToken cancellationToken) =>
            _callers.TimeAsync(requests, settings.Callers, buffer => TimeOneAsync(requester, buffer, inFlight, cancellationToken), cancellationToken);

        private async Task<double> TimeOneAsync(CaseRequester requester, byte[] buffer, InFlight inFlight, CancellationToken cancellationToken)
        {
            inFlight.Enter();
            try
            {
                var start = Stopwatch.GetTimestamp();
                await requester.SendAsync(pattern, buffer, cancellationToken);
                return Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }
            finally
            {
                inFlight.Leave();
            }
        }

        // The client (or per-request clients) as the case itself makes them, with the side's counting connect callback.
        private CaseRequester NewRequester() => new(@case, counter.ConnectAsync, pin);
    }

    /// <summary>The open-socket bound between blocks, and how often it fired.</summary>
    /// <remarks>
    /// Reading the OS table costs milliseconds once thousands of TIME_WAIT rows pile up (the A/A of a 1 KiB group spent
    /// more time between pairs than in its 44 requests), so it is read only when it could show more than the bound: the
    /// sockets open at the last reading plus every connection opened since is never fewer than those open now.
    /// </remarks>
    private sealed class SocketBound(int[] ports, Func<int> openedByBothHandlers)
    {
        private int _openedAtLastGc;
        private int _openAtLastRead;
        private int _openedAtLastRead;

        public int Gcs { get; private set; }

        public void Apply()
        {
            var opened = openedByBothHandlers();
            if (_openAtLastRead + (opened - _openedAtLastRead) <= OpenSocketBound)
            {
                return;
            }

            var open = SocketTable.IsAvailable
                ? ports.Sum(port => new ProcSocketTable().CountHeld(port).Open)
                : opened - _openedAtLastGc;
            _openAtLastRead = open;
            _openedAtLastRead = opened;
            if (open > OpenSocketBound)
            {
                SocketCensus.FullGc();
                _openedAtLastGc = opened;
                // After the GC the leak's sockets are closed; the next reading decides again.
                _openAtLastRead = 0;
                Gcs++;
            }
        }
    }
}
