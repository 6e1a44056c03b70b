using System.Diagnostics;
using System.Globalization;
using LeakBench.Cases;
using LeakBench.Pairing;
using LeakBench.Statistics;
using LeakBench.Target;

namespace LeakBench.RuntimePairing;

/// <summary>
/// Internal: one side of a cross-runtime pairing, in a process of the runtime under test
/// (<c>dotnet LeakBench.dll runtime-pair-child</c> with that runtime's build). It reads its case and target from the
/// same environment variables as the census child, warms up, writes <see cref="ReadyLine"/>, then serves one block at a
/// time over stdin: <c>open</c> makes a fresh requester warmed untimed (as a case pairing's block does, so a
/// connection's own speed widens the bounds instead of biasing the ratio), each <c>time N</c> times N more requests on it
/// one by one with <see cref="Stopwatch"/> inside this process (N per caller, all callers at once, in a concurrent case), and <c>close</c> answers the block's
/// <see cref="BlockResult"/> line. The coordinator alternates the two children's <c>time</c> sub-blocks (ABBA), so the
/// hand-off between processes (the pipes, the other process waking) stays outside the timed region while the two
/// runtimes' requests stay close in time. Each command is answered with one line, so the coordinator always knows the
/// child is idle before it wakes the other.
/// </summary>
public static class RuntimePairChildCommand
{
    public const string Command = "runtime-pair-child";

    /// <summary>Warm-up rounds before the first block: two, so that methods first called late in round one reach tier 1 in round two.</summary>
    public const int WarmupRounds = 2;

    /// <summary>Requests per warm-up round: 250, well past tiering's 30 calls to every method a request runs, for well under a second of 1 KiB requests.</summary>
    public const int WarmupRequestsPerRound = 250;

    /// <summary>The pause after each round: past the runtime's default call-counting delay (100 ms), so the background tier-1 compiles land before timing.</summary>
    public static readonly TimeSpan TieringPause = TimeSpan.FromMilliseconds(300);

    /// <summary>Written once the child has warmed up and waits for blocks.</summary>
    public const string ReadyLine = "ready";

    /// <summary>Opens a block: a fresh requester, warmed untimed.</summary>
    public const string OpenCommand = "open";

    /// <summary>Closes the block: the answer is its <see cref="BlockResult"/> line.</summary>
    public const string CloseCommand = "close";

    /// <summary>The answer to <see cref="OpenCommand"/> and to each <see cref="TimeCommand"/>.</summary>
    public const string DoneLine = "done";

    /// <summary>The command the coordinator writes for one sub-block of <c>N</c> timed requests in the open block.</summary>
    public static string TimeCommand(int requests) => string.Create(CultureInfo.InvariantCulture, $"time {requests}");

    public static async Task<int> RunAsync()
    {
        var target = TargetUrls.TryParseReadyLine(Environment.GetEnvironmentVariable(TargetUrls.EnvironmentVariable))
            ?? throw new InvalidOperationException($"{TargetUrls.EnvironmentVariable} is not set");
        var @case = CaseChannel.FromEnvironment().Case;
        var settings = PairingSettings.Publish;
        // The case's own request timeout where it names one, else the pairing's (as the case pairing does).
        @case = @case with { RequestTimeout = @case.RequestTimeout ?? settings.RequestTimeout };
        var pattern = RequestPattern.For(CaseTarget.UriFor(target, @case), @case);
        var buffer = new byte[64 * 1024];
        var timer = new CallerTimer(buffer.Length);
        // A concurrent case (16 callers) is timed under its own load, as the case pairing times it.
        var callers = Math.Max(1, @case.Callers);
        // A TLS case trusts exactly the target's certificate, read from its control port as the census child reads it.
        var pin = @case.Tls ? new CertificatePin(await TargetControl.ReadCertificateThumbprintAsync(target)) : null;

        // JIT, thread pool and the target warm on a requester that then goes. Longer than the case pairing's warm-up:
        // there both sides share one process, so tiering lifts both alike; here each process tiers up on its own, and a
        // smoke run with the pairing's 20 requests gave a two-process A/A of ×1.14 [0.83–1.56] from processes timed at
        // different tiers. Two rounds with a pause between, since tier-1 code is compiled in the background after the
        // call-counting delay (100 ms by default).
        using (var warm = new CaseRequester(@case, connect: null, pin))
        {
            for (var round = 0; round < WarmupRounds; round++)
            {
                for (var i = 0; i < WarmupRequestsPerRound; i++)
                {
                    await warm.SendAsync(pattern, buffer);
                }

                await Task.Delay(TieringPause);
            }
        }

        Console.Out.WriteLine(ReadyLine);
        Console.Out.Flush();
        CaseRequester? requester = null;
        var latencies = new List<double>();
        var gcs = (Gen0: 0, Gen1: 0, Gen2: 0);
        try
        {
            while (Console.In.ReadLine() is { } line && TryParse(line, out var command, out var requests))
            {
                string answer;
                switch (command)
                {
                    case OpenCommand:
                        requester?.Dispose();
                        requester = new CaseRequester(@case, connect: null, pin);
                        for (var i = 0; i < settings.HandlerWarmupRequests; i++)
                        {
                            await requester.SendAsync(pattern, buffer);
                        }

                        latencies.Clear();
                        gcs = (0, 0, 0);
                        answer = DoneLine;
                        break;
                    case CloseCommand when requester is not null && latencies.Count > 0:
                        answer = new BlockResult(
                            PairedRatioEstimator.BlockQuantile(latencies, 0.5),
                            PairedRatioEstimator.BlockQuantile(latencies, 0.95),
                            gcs.Gen0,
                            gcs.Gen1,
                            gcs.Gen2).ToLine();
                        requester.Dispose();
                        requester = null;
                        break;
                    case TimeCommandName when requester is not null:
                        // Only the requests and the GCs that ran during them: the wait for the other child is not the block's.
                        var before = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
                        latencies.AddRange(await TimeSubBlockAsync(timer, requester, pattern, requests, callers));

                        gcs = (gcs.Gen0 + GC.CollectionCount(0) - before.Item1, gcs.Gen1 + GC.CollectionCount(1) - before.Item2, gcs.Gen2 + GC.CollectionCount(2) - before.Item3);
                        answer = DoneLine;
                        break;
                    default:
                        // Out of order (time or close with no open block): a coordinator's bug, said on stderr, which it shows.
                        await Console.Error.WriteLineAsync($"runtime-pair child: '{line}' out of order");
                        return 2;
                }

                Console.Out.WriteLine(answer);
                Console.Out.Flush();
            }
        }
        finally
        {
            requester?.Dispose();
        }

        return 0;
    }

    private const string TimeCommandName = "time";

    /// <summary>
    /// The latencies of one sub-block, <paramref name="requests"/> from each of <paramref name="callers"/> callers through
    /// the one requester, timed as the case pairing times them (<see cref="CallerTimer"/>).
    /// </summary>
    public static Task<IReadOnlyList<double>> TimeSubBlockAsync(CallerTimer timer, CaseRequester requester, RequestPattern pattern, int requests, int callers)
    {
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(requester);
        return timer.TimeAsync(requests, callers, async buffer =>
        {
            var start = Stopwatch.GetTimestamp();
            await requester.SendAsync(pattern, buffer);
            return Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        });
    }

    /// <summary>
    /// Reads <c>open</c>, <c>time N</c> (N positive) or <c>close</c>; anything else (stdin closed, a quit) ends the child.
    /// </summary>
    public static bool TryParse(string line, out string command, out int requests)
    {
        ArgumentNullException.ThrowIfNull(line);
        requests = 0;
        command = string.Empty;
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        switch (parts)
        {
            case [OpenCommand]:
            case [CloseCommand]:
                command = parts[0];
                return true;
            case [TimeCommandName, var n] when int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out requests) && requests > 0:
                command = TimeCommandName;
                return true;
            default:
                requests = 0;
                return false;
        }
    }
}
