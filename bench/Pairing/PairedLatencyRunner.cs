using System.Diagnostics;
using LeakBench.Cases;
using LeakBench.Census;
using LeakBench.Statistics;

namespace LeakBench.Pairing;

/// <summary>
/// Times a case against its baseline side by side, in the benchmark process: blocks of requests
/// alternate between the two, so that a drift in the machine's speed falls on both alike. Each
/// request is timed on its own with <see cref="Stopwatch"/>.
/// <para>
/// Every pair runs on two fresh handlers (one per side, each built as the case builds it, each warmed
/// by <see cref="PairingSettings.HandlerWarmupRequests"/> untimed requests), and which side goes first
/// is drawn at random for each two pairs, one of each order (balanced). A handler keeps its
/// connection, and a connection has state of its own (its TCP window, the server thread that serves
/// it): with one handler per side for the whole comparison, two identical sides ran at consistently
/// different speeds (an A/A of ×1.46 on 2 MiB bodies). With a new pair of connections for every pair
/// that effect is drawn afresh each time, so it widens the bounds instead of biasing the ratio; and a
/// random order keeps any periodic drift from lining up with a fixed ABBA pattern.
/// </para>
/// <para>
/// A leaking case leaves sockets open that could slow the baseline blocks next to it. Between blocks
/// (never inside one) a full GC with finalizers runs when more than <see cref="OpenSocketBound"/>
/// client sockets are open — the bound the timed benchmarks use between iterations. The count comes
/// from the OS socket table where there is one (Linux); elsewhere from the connections the handlers
/// opened since the last such GC, which is never fewer than those still open.
/// </para>
/// <para>A request that fails or stalls past the request timeout throws: that comparison has no ratio.</para>
/// </summary>
public static class PairedLatencyRunner
{
    /// <summary>Open client sockets above which a full GC runs between blocks (the same bound as the timed benchmarks').</summary>
    public const int OpenSocketBound = 256;

    /// <summary>
    /// The case against its baseline, both sending to <paramref name="target"/> (the case's own URL, as the census does)
    /// through the client lifetime, protocol and TLS settings each case names (<see cref="CaseRequester"/>).
    /// </summary>
    /// <param name="pin">The target's certificate, for TLS cases (their client trusts exactly it).</param>
    public static Task<PairingRun> RunAsync(Uri target, StudyCase @case, StudyCase baseline, PairingSettings settings, CertificatePin? pin = null, CancellationToken cancellationToken = default) =>
        RunPairsAsync(target, @case, baseline, settings, pin, cancellationToken);

    /// <summary>The A/A check: the baseline against itself, on two identical handlers, the same interleaving.</summary>
    public static Task<PairingRun> RunAaAsync(Uri target, StudyCase baseline, PairingSettings settings, CertificatePin? pin = null, CancellationToken cancellationToken = default) =>
        RunPairsAsync(target, baseline, baseline, settings, pin, cancellationToken);

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

        var started = Stopwatch.GetTimestamp();
        var caseSide = new Side(Timed(@case, settings), RequestPattern.For(target, @case), new ConnectionCounter(), settings, pin);
        var baselineSide = new Side(Timed(baseline, settings), RequestPattern.For(target, baseline), new ConnectionCounter(), settings, pin);
        var ports = new[] { caseSide.Pattern.Uri.Port, baselineSide.Pattern.Uri.Port }.Distinct().ToArray();

        // JIT, thread pool and the target warm on a handler of each side's own, then that handler goes.
        await caseSide.WarmUpAsync(settings.WarmupRequests, cancellationToken);
        await baselineSide.WarmUpAsync(settings.WarmupRequests, cancellationToken);

        var bound = new SocketBound(ports, () => caseSide.Counter.Opened + baselineSide.Counter.Opened);
        bound.Apply();
        var order = CaseFirstOrder(settings.MaxPairs, settings.OrderSeed);
        var pairs = new List<BlockPair>(settings.MaxPairs);
        var byBudget = false;
        while (pairs.Count < settings.MaxPairs)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            if ((elapsed >= settings.TimeBudget && pairs.Count >= settings.MinPairs) || elapsed >= settings.HardLimit)
            {
                byBudget = true;
                break;
            }

            var caseFirst = order[pairs.Count];
            var first = await (caseFirst ? caseSide : baselineSide).TimeBlockOnFreshHandlerAsync(cancellationToken);
            bound.Apply();
            var second = await (caseFirst ? baselineSide : caseSide).TimeBlockOnFreshHandlerAsync(cancellationToken);
            bound.Apply();
            pairs.Add(caseFirst ? new BlockPair(first, second) : new BlockPair(second, first));
        }

        return new PairingRun(pairs, Stopwatch.GetElapsedTime(started), bound.Gcs, caseSide.Counter.Opened, baselineSide.Counter.Opened, byBudget);
    }

    // A case's own request timeout where it names one (the stall classes' 2 s), else the pairing's.
    private static StudyCase Timed(StudyCase @case, PairingSettings settings) => @case with { RequestTimeout = @case.RequestTimeout ?? settings.RequestTimeout };

    /// <summary>
    /// One side of the comparison: its case's pattern, a new requester (handler, or per-request clients, as the case's
    /// lifetime makes them) for each block, one counter for all its connections.
    /// </summary>
    private sealed class Side(StudyCase @case, RequestPattern pattern, ConnectionCounter counter, PairingSettings settings, CertificatePin? pin)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];

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

        /// <summary>Per-request latencies of one block, in microseconds, on a handler of its own (warmed, untimed, first).</summary>
        public async Task<double[]> TimeBlockOnFreshHandlerAsync(CancellationToken cancellationToken)
        {
            using var requester = NewRequester();
            for (var i = 0; i < settings.HandlerWarmupRequests; i++)
            {
                await requester.SendAsync(pattern, _buffer, cancellationToken);
            }

            var latenciesUs = new double[settings.BlockRequests];
            for (var i = 0; i < latenciesUs.Length; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await requester.SendAsync(pattern, _buffer, cancellationToken);
                latenciesUs[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }

            return latenciesUs;
        }

        // The client (or per-request clients) as the case itself makes them, with the side's counting connect callback.
        private CaseRequester NewRequester() => new(@case, counter.ConnectAsync, pin);
    }

    /// <summary>The open-socket bound between blocks, and how often it fired.</summary>
    private sealed class SocketBound(int[] ports, Func<int> openedByBothHandlers)
    {
        private int _openedAtLastGc;

        public int Gcs { get; private set; }

        public void Apply()
        {
            var opened = openedByBothHandlers();
            var open = SocketTable.IsAvailable
                ? ports.Sum(port => ClientSocketCounts.Now(port).Open)
                : opened - _openedAtLastGc;
            if (open > OpenSocketBound)
            {
                SocketCensus.FullGc();
                _openedAtLastGc = opened;
                Gcs++;
            }
        }
    }
}
