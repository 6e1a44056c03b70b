using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace LeakBench.Processes;

/// <summary>
/// A child process that LeakBench starts and waits for: stdin, stdout and stderr redirected (UTF-8), a deadline that
/// runs from the start, and the whole process tree killed when the deadline passes, when the caller cancels, or when
/// it is disposed before it has exited. Two uses: <see cref="RunAsync"/> runs a command to completion;
/// <see cref="Start"/> keeps it open for a conversation (read a line, count its sockets while it waits, answer on
/// stdin) that <see cref="WaitAsync"/> finishes (the runtime pairing's children talk this way for minutes, with no
/// overall deadline and one for each answer). It starts and kills through <see cref="OwnChildren"/>, as the target does.
/// </summary>
/// <remarks>
/// A small helper over <see cref="Process"/> rather than CliWrap (3.10.5 is served): the seed holds a process open
/// while it counts that process's sockets by pid and then answers on its stdin, which CliWrap expresses only through
/// custom pipe sources and targets; this covers that and run-to-completion in one class, without a new dependency.
/// </remarks>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly CancellationToken _cancellation;
    private readonly CancellationTokenSource _deadline;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Task _stderrRead;
    private readonly string _command;
    private readonly TimeSpan _timeout;

    private ChildProcess(Process process, string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _process = process;
        _command = command;
        _timeout = timeout;
        _cancellation = cancellationToken;
        _deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _deadline.CancelAfter(timeout);
        // Read stderr from the start: a child that fills the stderr pipe would block before it exits.
        _stderrRead = ReadErrorsAsync();
    }

    /// <summary>The child's process id, e.g. to count the sockets it owns while it waits on stdin.</summary>
    public int Id => _process.Id;

    /// <summary>Everything read from stdout so far, one '\n' after each line.</summary>
    public string Output => _stdout.ToString();

    /// <summary>Everything the child has written to stderr so far, as written.</summary>
    public string ErrorOutput
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>; the deadline runs from now.</summary>
    /// <param name="fileName">The executable.</param>
    /// <param name="arguments">Its arguments, each passed as one argument (no shell quoting).</param>
    /// <param name="timeout">How long the child may take from its start to its exit (<see cref="Timeout.InfiniteTimeSpan"/>: no deadline).</param>
    /// <param name="workingDirectory">Its working directory; null: this process's.</param>
    /// <param name="environment">Changes to the environment it inherits from this process.</param>
    /// <param name="cancellationToken">Kills the child when cancelled; the waiting call then throws <see cref="OperationCanceledException"/>.</param>
    public static ChildProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        string? workingDirectory = null,
        Action<IDictionary<string, string?>>? environment = null,
        CancellationToken cancellationToken = default)
    {
        var process = OwnChildren.Start(fileName, arguments, workingDirectory, environment);
        var command = OwnChildren.CommandLine(process);
        return new ChildProcess(process, command, timeout, cancellationToken);
    }

    /// <summary>Runs a command to completion: stdin closed at once, stdout and stderr captured.</summary>
    /// <param name="onOutputLine">Called with each stdout line as it arrives (e.g. to show progress).</param>
    /// <exception cref="TimeoutException">The command did not exit within <paramref name="timeout"/>; it was killed.</exception>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        string? workingDirectory = null,
        Action<IDictionary<string, string?>>? environment = null,
        Action<string>? onOutputLine = null,
        CancellationToken cancellationToken = default)
    {
        using var child = Start(fileName, arguments, timeout, workingDirectory, environment, cancellationToken);
        child.CloseInput();
        return await child.WaitAsync(onOutputLine);
    }

    /// <summary>The next stdout line, or null at its end.</summary>
    /// <param name="within">How long the line may take (the deadline still holds); null: the deadline alone.</param>
    /// <exception cref="TimeoutException">The deadline, or <paramref name="within"/>, passed; the child was killed.</exception>
    public async Task<string?> ReadLineAsync(TimeSpan? within = null)
    {
        var line = await Guard(token => _process.StandardOutput.ReadLineAsync(token).AsTask(), within);
        if (line is not null)
        {
            _stdout.Append(line).Append('\n');
        }

        return line;
    }

    /// <summary>Writes one line to the child's stdin and flushes it.</summary>
    public Task WriteLineAsync(string line) => Guard(async token =>
    {
        await _process.StandardInput.WriteLineAsync(line.AsMemory(), token);
        await _process.StandardInput.FlushAsync(token);
        return true;
    });

    /// <summary>Closes the child's stdin: a child that reads it sees its end.</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Reads the rest of stdout, waits for the child to exit within the deadline and returns what it did.</summary>
    /// <param name="onOutputLine">Called with each remaining stdout line.</param>
    /// <exception cref="TimeoutException">The deadline passed; the child was killed.</exception>
    public async Task<ProcessResult> WaitAsync(Action<string>? onOutputLine = null)
    {
        while (await ReadLineAsync() is { } line)
        {
            onOutputLine?.Invoke(line);
        }

        await Guard(async token =>
        {
            await _process.WaitForExitAsync(token);
            return true;
        });
        await Guard(async token =>
        {
            await _stderrRead.WaitAsync(token);
            return true;
        });
        return new ProcessResult(_process.ExitCode, Output, ErrorOutput);
    }

    /// <summary>True once the child has exited, false if it has not within <paramref name="wait"/> (it is left running: <see cref="Dispose"/> kills it).</summary>
    public async Task<bool> ExitedWithinAsync(TimeSpan wait)
    {
        using var waiting = new CancellationTokenSource(wait);
        try
        {
            await _process.WaitForExitAsync(waiting.Token);
            return true;
        }
        catch (OperationCanceledException) when (waiting.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Kills the child and everything it started, if it is still running.</summary>
    public void Dispose()
    {
        Kill();
        _process.Dispose();
        _deadline.Dispose();
    }

    private async Task<T> Guard<T>(Func<CancellationToken, Task<T>> operation, TimeSpan? within = null)
    {
        using var call = within is null ? null : CancellationTokenSource.CreateLinkedTokenSource(_deadline.Token);
        call?.CancelAfter(within!.Value);
        var token = call?.Token ?? _deadline.Token;
        try
        {
            return await operation(token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            Kill();
            _cancellation.ThrowIfCancellationRequested();
            var output = Output;
            var what = _deadline.IsCancellationRequested ? "finish" : "answer";
            var limit = _deadline.IsCancellationRequested ? _timeout : within!.Value;
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"{_command} did not {what} within {limit.TotalSeconds:0.#} s; it was killed")
                + (output.Length == 0 ? "" : $"; its output:{Environment.NewLine}{output.TrimEnd()}"));
        }
    }

    private async Task ReadErrorsAsync()
    {
        var buffer = new char[4096];
        int read;
        while ((read = await _process.StandardError.ReadAsync(buffer.AsMemory(), CancellationToken.None)) > 0)
        {
            lock (_stderr)
            {
                _stderr.Append(buffer, 0, read);
            }
        }
    }

    private void Kill() => OwnChildren.Kill(_process);
}
