namespace LeakBench.Processes;

/// <summary>How a <see cref="ChildProcess"/> ended: its exit code and what it wrote.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="StandardOutput">Its stdout, one '\n' after each line.</param>
/// <param name="StandardError">Its stderr, as written.</param>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>stdout then stderr, for error messages.</summary>
    public string AllOutput => StandardOutput + StandardError;
}
