using System.Diagnostics;

namespace LeakBench.Seed;

/// <summary>Runs one .NET article test in a fresh worker process (<c>dotnet LeakBench.dll seed-worker ...</c>) and reads its measurement.</summary>
public static class DotnetSeedRunner
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static async Task<DotnetMeasurement> RunAsync(ArticleTest test, DotnetCompletion completion, int bodyBytes, Uri http1, CancellationToken cancellationToken = default)
    {
        var arguments = new SeedWorkerArguments(test, completion, bodyBytes, http1, null);
        var startInfo = new ProcessStartInfo(DotnetHost.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(DotnetHost.LeakBenchDll);
        foreach (var a in arguments.ToArguments())
        {
            startInfo.ArgumentList.Add(a);
        }

        var describe = $"{test.Name} {completion.ToCall()} {bodyBytes} B";
        using var process = Process.Start(startInfo) ?? throw new SeedRunException($".NET {describe}: cannot start {DotnetHost.Path}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new SeedRunException($".NET {describe}: the worker did not finish within {Deadline.TotalSeconds} s");
        }

        var output = await stdout;
        var errors = await stderr;
        var measurement = output.Split('\n').Select(l => DotnetMeasurement.TryParseLine(l.TrimEnd('\r'))).LastOrDefault(m => m is not null);
        if (process.ExitCode != 0 || measurement is null)
        {
            throw new SeedRunException($".NET {describe}: the worker exited with code {process.ExitCode} and {(measurement is null ? "no" : "a")} measurement:{Environment.NewLine}{output}{errors}".TrimEnd());
        }

        return measurement;
    }
}
