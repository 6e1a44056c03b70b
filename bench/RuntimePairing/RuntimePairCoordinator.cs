using System.Diagnostics;
using LeakBench.Cases;
using LeakBench.Pairing;
using LeakBench.Statistics;
using LeakBench.Target;

namespace LeakBench.RuntimePairing;

/// <summary>
/// Compares one case across two runtimes with the precision of a paired case. For each of several process pairs, a
/// fresh process of each runtime (<see cref="RuntimePairChildCommand"/>), alive together against the same target,
/// runs block pairs: in each, both open a fresh connection and their sub-blocks of
/// <see cref="RuntimePairingSettings.SubBlockRequests"/> requests alternate in ABBA order, the side that goes first drawn
/// per two block pairs as <see cref="PairedLatencyRunner.CaseFirstOrder"/> draws it (balanced). A process has an offset of
/// its own, so the process pair is the unit: each gives one log ratio and the bounds come from their spread
/// (<see cref="ProcessPairInterval"/>). Process pairs are added until the bounds reach the asked half-width, the
/// case's time cap passes, or the ceiling — never on the estimate. The A/A is the same procedure with the
/// reference runtime on both sides.
/// </summary>
public static class RuntimePairCoordinator
{
    public static async Task<RuntimePairRun> RunAsync(TargetUrls target, StudyCase @case, RuntimeProcess runtime, RuntimeProcess reference, RuntimePairingSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.BlockPairsPerProcessPair, PairedRatioEstimator.MinimumPairs);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MinProcessPairs, ProcessPairInterval.MinimumProcessPairs);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxProcessPairs, settings.MinProcessPairs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.BlockRequests);

        var started = Stopwatch.GetTimestamp();
        var blockPairs = new List<RuntimeBlockPair>();
        var logs = new List<double>();
        RatioInterval? ratio = null;
        var stop = RuntimePairingStop.ProcessPairCeiling;
        for (var k = 0; k < settings.MaxProcessPairs; k++)
        {
            if (k >= settings.MinProcessPairs && Stopwatch.GetElapsedTime(started) >= settings.TimeBudget)
            {
                stop = RuntimePairingStop.TimeCap;
                break;
            }

            var pairs = await RunProcessPairAsync(target, @case, runtime, reference, settings, k, cancellationToken);
            blockPairs.AddRange(pairs);
            logs.Add(RuntimePairRun.ProcessPairLogs(pairs).Single());
            if (logs.Count >= settings.MinProcessPairs)
            {
                ratio = ProcessPairInterval.FromLogs(logs);
                // Stops on the width of the bounds, never on the estimate (as PrecisionRule), and only once the spread comes from
                // enough process pairs to be trusted (see RuntimePairingSettings.PrecisionFromProcessPairs).
                if (logs.Count >= settings.PrecisionFromProcessPairs && PrecisionRule.Reached(ratio, settings.PrecisionTarget))
                {
                    stop = RuntimePairingStop.Precision;
                    break;
                }
            }
        }

        return new RuntimePairRun(runtime.Runtime, reference.Runtime, blockPairs, logs, ratio, stop, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Which side runs first in each block pair of process pair <paramref name="processPair"/>: true means the runtime under test.</summary>
    public static bool[] RuntimeFirstOrder(RuntimePairingSettings settings, int processPair)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return PairedLatencyRunner.CaseFirstOrder(settings.BlockPairsPerProcessPair, settings.OrderSeed + processPair);
    }

    private static async Task<List<RuntimeBlockPair>> RunProcessPairAsync(TargetUrls target, StudyCase @case, RuntimeProcess runtime, RuntimeProcess reference, RuntimePairingSettings settings, int processPair, CancellationToken cancellationToken)
    {
        // Both start and warm up together, so that neither meets a machine busy with the other's JIT afterwards.
        var starting = new[] { RuntimePairChild.StartAsync(runtime, target, @case, cancellationToken), RuntimePairChild.StartAsync(reference, target, @case, cancellationToken) };
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var s in starting.Where(s => s.IsCompletedSuccessfully))
            {
                await s.Result.DisposeAsync();
            }

            throw;
        }

        await using var runtimeChild = starting[0].Result;
        await using var referenceChild = starting[1].Result;
        var order = RuntimeFirstOrder(settings, processPair);
        var subBlocks = (settings.BlockRequests + settings.SubBlockRequests - 1) / settings.SubBlockRequests;
        var pairs = new List<RuntimeBlockPair>(order.Length);
        for (var b = 0; b < order.Length; b++)
        {
            // As in the case pairing: the side that goes first opens (and warms) its connection first too, then the two
            // sides' sub-blocks alternate in ABBA order, so that both runtimes meet the machine's speed of the same moments.
            var (first, second) = order[b] ? (runtimeChild, referenceChild) : (referenceChild, runtimeChild);
            await first.OpenBlockAsync(cancellationToken);
            await second.OpenBlockAsync(cancellationToken);
            var sent = new Dictionary<bool, int> { [true] = 0, [false] = 0 };
            foreach (var isRuntime in PairedLatencyRunner.SubBlockOrder(subBlocks, order[b]))
            {
                var requests = Math.Min(settings.SubBlockRequests, settings.BlockRequests - sent[isRuntime]);
                sent[isRuntime] += requests;
                await (isRuntime ? runtimeChild : referenceChild).TimeAsync(requests, cancellationToken);
            }

            var runtimeBlock = await runtimeChild.CloseBlockAsync(cancellationToken);
            var referenceBlock = await referenceChild.CloseBlockAsync(cancellationToken);
            pairs.Add(new RuntimeBlockPair(processPair, b, order[b], runtimeBlock, referenceBlock));
        }

        return pairs;
    }
}
