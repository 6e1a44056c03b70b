namespace LeakBench.Cli;

/// <summary>
/// Ctrl+C during a study. The first one asks the run to stop and keep what was measured (the process stays
/// alive to write the partial report); a second one exits at once, as Ctrl+C normally does. BenchmarkDotNet's
/// own handler kills the running case's process either way, and the target and every other child of the study's own are
/// killed by <see cref="Processes.OwnChildren"/>.
/// </summary>
public sealed class Interruption : IDisposable
{
    /// <summary>The exit code of a run stopped by Ctrl+C (128 + SIGINT, what a shell reports).</summary>
    public const int ExitCode = 130;

    private readonly TaskCompletionSource _requested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Interruption() => Console.CancelKeyPress += OnCancelKeyPress;

    /// <summary>Completes on the first Ctrl+C.</summary>
    public Task Requested => _requested.Task;

    public bool IsRequested => _requested.Task.IsCompleted;

    public void Dispose() => Console.CancelKeyPress -= OnCancelKeyPress;

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (!_requested.TrySetResult())
        {
            // The second Ctrl+C: let the runtime end the process now.
            e.Cancel = false;
            return;
        }

        e.Cancel = true;
        Console.Error.WriteLine("leakbench: Ctrl+C: stopping and keeping what was measured (Ctrl+C again to quit at once)");
    }
}
