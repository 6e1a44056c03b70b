using LeakBench.Processes;
using LeakBench.Target;

namespace LeakBench.Seed;

/// <summary>
/// Runs one .NET article test in a fresh worker process (<c>dotnet LeakBench.dll seed-worker ...</c>) and counts
/// its connections from outside at the worker's two checkpoints, by the same socket-ownership method as for Go.
/// </summary>
public static class DotnetSeedRunner
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static async Task<DotnetMeasurement> RunAsync(ArticleTest test, HttpCompletionOption completion, int bodyBytes, Uri http1, CancellationToken cancellationToken = default)
    {
        var arguments = new SeedWorkerArguments(test, completion, bodyBytes, http1, null);
        var describe = $".NET {test.Name} {completion.ToCall()} {bodyBytes} B";
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        DotnetWorkerReport? report = null;
        ProcessResult result;
        using (var worker = ChildProcess.Start(DotnetHost.Path, [DotnetHost.LeakBenchDll, .. arguments.ToArguments()], Deadline, cancellationToken: cancellationToken))
        {
            try
            {
                while (await worker.ReadLineAsync() is { } line)
                {
                    if (line.StartsWith(DotnetWorkerReport.CountPrefix, StringComparison.Ordinal))
                    {
                        // The worker waits on stdin while its sockets are counted.
                        counts[line[DotnetWorkerReport.CountPrefix.Length..].Trim()] = ProcessSockets.CountEstablished(worker.Id, http1.Port);
                        await worker.WriteLineAsync("counted");
                    }

                    report ??= DotnetWorkerReport.TryParseLine(line);
                }

                result = await worker.WaitAsync();
            }
            catch (TimeoutException e)
            {
                throw new SeedRunException($"{describe}: the worker {e.Message}");
            }
        }

        if (result.ExitCode != 0 || report is null
            || !counts.TryGetValue(SeedWorker.BeforeGc, out var before) || !counts.TryGetValue(SeedWorker.AfterGc, out var after))
        {
            throw new SeedRunException($"{describe}: the worker exited with code {result.ExitCode} without a full report:{Environment.NewLine}{result.AllOutput}".TrimEnd());
        }

        return new DotnetMeasurement(report.Test, report.Completion, report.BodyBytes, report.Requests, before, after, report.Threads, report.GcsBeforeCount, report.Runtime);
    }
}
