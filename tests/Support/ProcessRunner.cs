using LeakBench.Processes;

namespace LeakBench.Tests.Support;

/// <summary>
/// Runs a command to completion with a deadline and returns its exit code and output: the study's own
/// <see cref="ChildProcess"/> (stdin closed, the tree killed on timeout), run from the repository root by default.
/// </summary>
public static class ProcessRunner
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        public string All => StdOut + StdErr;
    }

    /// <exception cref="TimeoutException">The command did not finish within <paramref name="timeout"/>; it was killed.</exception>
    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> args, TimeSpan timeout, string? workingDirectory = null, IDictionary<string, string?>? environment = null)
    {
        var result = await ChildProcess.RunAsync(
            fileName,
            args,
            timeout,
            workingDirectory ?? RepoPaths.Root,
            inherited =>
            {
                foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
                {
                    inherited[name] = value;
                }
            });
        return new Result(result.ExitCode, result.StandardOutput, result.StandardError);
    }
}
