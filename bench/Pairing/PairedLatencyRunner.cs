using System.Diagnostics;
using LeakBench.Cases;
using LeakBench.Census;
using LeakBench.Statistics;

namespace LeakBench.Pairing;

/// <summary>
/// Times a case against its baseline side by side, in the benchmark process: blocks of requests
/// alternate between the two, each on its own fresh handler and client, in ABBA order (the case
/// first in even pairs, the baseline first in odd ones), so that a drift in the machine's speed
/// falls on both alike. Each request is timed on its own with <see cref="Stopwatch"/>.
/// <para>
/// A leaking case leaves sockets open that could slow the baseline blocks next to it. Between blocks
/// (never inside one) a full GC with finalizers runs when more than <see cref="OpenSocketBound"/>
/// client sockets are open — the bound the timed benchmarks use between iterations. The count comes
/// from the OS socket table where there is one (Linux); elsewhere from the connections the two
/// handlers opened since the last such GC, which is never fewer than those still open.
/// </para>
/// <para>A request that fails or stalls past the request timeout throws: that comparison has no ratio.</para>
/// </summary>
public static class PairedLatencyRunner
{
    /// <summary>Open client sockets above which a full GC runs between blocks (the same bound as the timed benchmarks').</summary>
    public const int OpenSocketBound = 256;

    /// <summary>The case against its baseline, both sending to <paramref name="target"/> (the HTTP/1.1 URL, as the census does).</summary>
    public static Task<PairingRun> RunAsync(Uri target, StudyCase @case, StudyCase baseline, PairingSettings settings, CancellationToken cancellationToken = default) =>
        RunPairsAsync(target, @case, baseline, settings, cancellationToken);

    /// <summary>The A/A check: the baseline against itself, on two identical handlers, the same interleaving.</summary>
    public static Task<PairingRun> RunAaAsync(Uri target, StudyCase baseline, PairingSettings settings, CancellationToken cancellationToken = default) =>
        RunPairsAsync(target, baseline, baseline, settings, cancellationToken);

    private static async Task<PairingRun> RunPairsAsync(Uri target, StudyCase @case, StudyCase baseline, PairingSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(settings);
        var casePattern = RequestPattern.For(target, @case);
        var baselinePattern = RequestPattern.For(target, baseline);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.MaxPairs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.BlockRequests);

        var started = Stopwatch.GetTimestamp();
        var ports = new[] { casePattern.Uri.Port, baselinePattern.Uri.Port }.Distinct().ToArray();
        var caseCounter = new ConnectionCounter();
        var baselineCounter = new ConnectionCounter();
        // Each side's handler as the case itself builds it, with a counting connect callback.
        using var caseClient = new HttpClient(CaseClient.CreateHandler(@case, caseCounter.ConnectAsync), disposeHandler: true) { Timeout = settings.RequestTimeout };
        using var baselineClient = new HttpClient(CaseClient.CreateHandler(baseline, baselineCounter.ConnectAsync), disposeHandler: true) { Timeout = settings.RequestTimeout };
        var caseSide = new Side(casePattern, caseClient, new byte[64 * 1024]);
        var baselineSide = new Side(baselinePattern, baselineClient, new byte[64 * 1024]);

        await caseSide.WarmUpAsync(settings.WarmupRequests, cancellationToken);
        await baselineSide.WarmUpAsync(settings.WarmupRequests, cancellationToken);

        var bound = new SocketBound(ports, () => caseCounter.Opened + baselineCounter.Opened);
        bound.Apply();
        var pairs = new List<BlockPair>(settings.MaxPairs);
        var byBudget = false;
        while (pairs.Count < settings.MaxPairs)
        {
            if (Stopwatch.GetElapsedTime(started) >= settings.TimeBudget)
            {
                byBudget = true;
                break;
            }

            var caseFirst = pairs.Count % 2 == 0;
            var first = await (caseFirst ? caseSide : baselineSide).TimeBlockAsync(settings.BlockRequests, cancellationToken);
            bound.Apply();
            var second = await (caseFirst ? baselineSide : caseSide).TimeBlockAsync(settings.BlockRequests, cancellationToken);
            bound.Apply();
            pairs.Add(caseFirst ? new BlockPair(first, second) : new BlockPair(second, first));
        }

        return new PairingRun(pairs, Stopwatch.GetElapsedTime(started), bound.Gcs, caseCounter.Opened, baselineCounter.Opened, byBudget);
    }

    /// <summary>One side of the comparison: its pattern on its own client.</summary>
    private sealed record Side(RequestPattern Pattern, HttpClient Client, byte[] Buffer)
    {
        public async Task WarmUpAsync(int requests, CancellationToken cancellationToken)
        {
            for (var i = 0; i < requests; i++)
            {
                await Pattern.SendAsync(Client, Buffer, cancellationToken);
            }
        }

        /// <summary>Per-request latencies of one block, in microseconds.</summary>
        public async Task<double[]> TimeBlockAsync(int requests, CancellationToken cancellationToken)
        {
            var latenciesUs = new double[requests];
            for (var i = 0; i < requests; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await Pattern.SendAsync(Client, Buffer, cancellationToken);
                latenciesUs[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }

            return latenciesUs;
        }
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
