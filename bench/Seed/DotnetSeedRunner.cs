using System.Diagnostics;
using System.Text;
using LeakBench.Target;

namespace LeakBench.Seed;

/// <summary>
/// Runs one .NET article test in a fresh worker process (<c>dotnet LeakBench.dll seed-worker ...</c>) and counts
/// its connections from outside at the worker's two checkpoints, by the same socket-ownership method as for Go.
/// </summary>
public static class DotnetSeedRunner
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static async Task<DotnetMeasurement> RunAsync(ArticleTest test, DotnetCompletion completion, int bodyBytes, Uri http1, CancellationToken cancellationToken = default)
    {
        var arguments = new SeedWorkerArguments(test, completion, bodyBytes, http1, null);
        var startInfo = new ProcessStartInfo(DotnetHost.Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(DotnetHost.LeakBenchDll);
        foreach (var a in arguments.ToArguments())
        {
            startInfo.ArgumentList.Add(a);
        }

        var describe = $".NET {test.Name} {completion.ToCall()} {bodyBytes} B";
        using var process = Process.Start(startInfo) ?? throw new SeedRunException($"{describe}: cannot start {DotnetHost.Path}");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        var output = new StringBuilder();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        DotnetWorkerReport? report = null;
        try
        {
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                output.AppendLine(line);
                if (line.StartsWith(DotnetWorkerReport.CountPrefix, StringComparison.Ordinal))
                {
                    // The worker waits on stdin while its sockets are counted.
                    counts[line[DotnetWorkerReport.CountPrefix.Length..].Trim()] = ProcessSockets.CountEstablished(process.Id, http1.Port);
                    await process.StandardInput.WriteLineAsync("counted".AsMemory(), deadline.Token);
                    await process.StandardInput.FlushAsync(deadline.Token);
                }

                report ??= DotnetWorkerReport.TryParseLine(line);
            }

            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new SeedRunException($"{describe}: the worker did not finish within {Deadline.TotalSeconds} s:{Environment.NewLine}{output}");
        }

        if (process.ExitCode != 0 || report is null
            || !counts.TryGetValue(SeedWorker.BeforeGc, out var before) || !counts.TryGetValue(SeedWorker.AfterGc, out var after))
        {
            throw new SeedRunException($"{describe}: the worker exited with code {process.ExitCode} without a full report:{Environment.NewLine}{output}{await stderr}".TrimEnd());
        }

        return new DotnetMeasurement(report.Test, report.Completion, report.BodyBytes, report.Requests, before, after, report.Threads, report.GcsBeforeCount, report.Runtime);
    }
}
