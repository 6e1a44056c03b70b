using System.Diagnostics;
using System.Text;

namespace LeakBench.Tests.Support;

/// <summary>Runs a command to completion with a deadline and returns its exit code and output.</summary>
public static class ProcessRunner
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        public string All => StdOut + StdErr;
    }

    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> args, TimeSpan timeout, string? workingDirectory = null, IDictionary<string, string?>? environment = null)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment ?? new Dictionary<string, string?>())
        {
            psi.Environment[k] = v;
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {fileName}");
        p.StandardInput.Close();
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var outTask = p.StandardOutput.ReadToEndAsync().ContinueWith(t => stdout.Append(t.Result), TaskScheduler.Default);
        var errTask = p.StandardError.ReadToEndAsync().ContinueWith(t => stderr.Append(t.Result), TaskScheduler.Default);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish within {timeout}");
        }

        await Task.WhenAll(outTask, errTask);
        return new Result(p.ExitCode, stdout.ToString(), stderr.ToString());
    }
}
