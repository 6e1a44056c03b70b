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
/// same environment variables as the census child, warms up, writes <see cref="ReadyLine"/>, then answers each
/// <c>block N</c> line on stdin with one <see cref="BlockResult"/> line: N requests timed one by one with
/// <see cref="Stopwatch"/> inside this process, so the hand-off between processes (the pipes, the other process
/// waking) stays outside the timed region. Each block gets a fresh requester warmed untimed, as a case pairing's
/// block does, so a connection's own speed widens the bounds instead of biasing the ratio.
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

    /// <summary>The command the coordinator writes for one block of <c>N</c> timed requests.</summary>
    public static string BlockCommand(int requests) => string.Create(CultureInfo.InvariantCulture, $"block {requests}");

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
        while (Console.In.ReadLine() is { } line)
        {
            if (!TryParseBlock(line, out var requests))
            {
                break;
            }

            using var requester = new CaseRequester(@case, connect: null, pin);
            for (var i = 0; i < settings.HandlerWarmupRequests; i++)
            {
                await requester.SendAsync(pattern, buffer);
            }

            var latencies = new double[requests];
            var gcsBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            for (var i = 0; i < requests; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await requester.SendAsync(pattern, buffer);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }

            var result = new BlockResult(
                PairedRatioEstimator.BlockQuantile(latencies, 0.5),
                PairedRatioEstimator.BlockQuantile(latencies, 0.95),
                GC.CollectionCount(0) - gcsBefore.Item1,
                GC.CollectionCount(1) - gcsBefore.Item2,
                GC.CollectionCount(2) - gcsBefore.Item3);
            Console.Out.WriteLine(result.ToLine());
            Console.Out.Flush();
        }

        return 0;
    }

    /// <summary>Reads <c>block N</c> (N positive); anything else ends the child.</summary>
    public static bool TryParseBlock(string line, out int requests)
    {
        requests = 0;
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts is ["block", var n] && int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out requests) && requests > 0;
    }
}
