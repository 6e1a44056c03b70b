using System.Globalization;
using LeakBench.Processes;

namespace LeakBench.Seed;

/// <summary>
/// Runs the built article program (<see cref="GoToolchain.BuildAsync"/>) as its own process, one test at a
/// time: reads the goroutine count the article's function prints, counts the process's connections from the
/// OS table while it waits, then lets it exit.
/// </summary>
public static class GoSeedRunner
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static async Task<GoMeasurement> RunTestAsync(string binary, ArticleTest test, int bodyBytes, Uri http1, CancellationToken cancellationToken = default)
    {
        var run = await RunAsync(binary, test.Number.ToString(CultureInfo.InvariantCulture), bodyBytes, http1, cancellationToken);
        if (run.Counts.Count != 1 || run.Counts[0].Test != test.Number)
        {
            throw new SeedRunException($"Go {test.Name} {bodyBytes} B: expected one count line from {test.Name}, got:{Environment.NewLine}{run.Output}");
        }

        return new GoMeasurement(test.Number, bodyBytes, run.Counts[0].Goroutines, run.Connections, run.Version);
    }

    /// <summary>The article's main as written: the four tests in one process.</summary>
    public static async Task<GoOneProcessMeasurement> RunArticleMainAsync(string binary, int bodyBytes, Uri http1, CancellationToken cancellationToken = default)
    {
        var run = await RunAsync(binary, "all", bodyBytes, http1, cancellationToken);
        if (!run.Counts.Select(c => c.Test).SequenceEqual(ArticleTest.All.Select(t => t.Number)))
        {
            throw new SeedRunException($"Go article main {bodyBytes} B: expected count lines from testFun1..testFun4, got:{Environment.NewLine}{run.Output}");
        }

        return new GoOneProcessMeasurement(bodyBytes, [.. run.Counts.Select(c => c.Goroutines)], run.Connections, run.Version);
    }

    private sealed record Run(IReadOnlyList<(int Test, int Goroutines)> Counts, int Connections, string Version, string Output);

    private static async Task<Run> RunAsync(string binary, string testArgument, int bodyBytes, Uri http1, CancellationToken cancellationToken)
    {
        var url = new Uri(http1, string.Create(CultureInfo.InvariantCulture, $"/bytes/{bodyBytes}"));
        var describe = $"Go -test {testArgument} {bodyBytes} B";
        using var process = ChildProcess.Start(binary, ["-test", testArgument, "-url", url.ToString()], Deadline, cancellationToken: cancellationToken);
        var counts = new List<(int, int)>();
        string? version = null;
        try
        {
            while (version is null && await process.ReadLineAsync() is { } line)
            {
                if (GoOutput.IsRequestError(line))
                {
                    throw new SeedRunException($"{describe}: a request failed: {line}");
                }

                if (GoOutput.TryParseCount(line) is { } count)
                {
                    counts.Add(count);
                }

                version = GoOutput.TryParseWaitingVersion(line);
            }

            if (version is null)
            {
                var exited = await process.WaitAsync();
                throw new SeedRunException($"{describe}: exited with code {exited.ExitCode} before it could be counted:{Environment.NewLine}{exited.AllOutput}".TrimEnd());
            }

            // The process now sleeps on stdin with its connections as its test left them.
            var connections = ProcessSockets.CountEstablished(process.Id, http1.Port);
            await process.WriteLineAsync(string.Empty);
            process.CloseInput();
            var result = await process.WaitAsync();
            return new Run(counts, connections, version, result.StandardOutput);
        }
        catch (TimeoutException e)
        {
            throw new SeedRunException($"{describe}: {e.Message}");
        }
    }
}
