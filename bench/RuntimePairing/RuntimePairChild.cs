using System.Diagnostics;
using LeakBench.Cases;
using LeakBench.Target;

namespace LeakBench.RuntimePairing;

/// <summary>
/// The coordinator's handle on one <see cref="RuntimePairChildCommand"/> process: started with the case and target
/// in its environment, ready once warmed, then blocks opened, timed in sub-blocks and closed on command. Disposing ends it (stdin
/// closed; killed with its tree if it does not exit).
/// </summary>
public sealed class RuntimePairChild : IAsyncDisposable
{
    /// <summary>How long a child may take to start and warm up, or to answer one block; a stalled child fails the comparison instead of hanging the study.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly System.Text.StringBuilder _stderr = new();

    private RuntimePairChild(Process process) => _process = process;

    public static async Task<RuntimePairChild> StartAsync(RuntimeProcess runtime, TargetUrls target, StudyCase @case, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(target);
        var start = new ProcessStartInfo(runtime.Host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(runtime.Dll);
        start.ArgumentList.Add(RuntimePairChildCommand.Command);
        start.Environment[TargetUrls.EnvironmentVariable] = target.ToReadyLine();
        start.Environment[CaseChannel.Variable] = CaseChannel.Encode(@case, null);
        foreach (var (name, value) in GcEnvironment.For(@case.GcConfig))
        {
            start.Environment[name] = value;
        }

        if (runtime.DotnetRoot is { } root)
        {
            start.Environment["DOTNET_ROOT"] = root;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{runtime.Host} did not start");
        var child = new RuntimePairChild(process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (child._stderr)
                {
                    child._stderr.AppendLine(line);
                }
            }
        };
        process.BeginErrorReadLine();
        try
        {
            var ready = await child.ReadLineAsync(cancellationToken);
            if (ready != RuntimePairChildCommand.ReadyLine)
            {
                throw child.Failed($"wrote '{ready}' instead of '{RuntimePairChildCommand.ReadyLine}'");
            }
        }
        catch
        {
            await child.DisposeAsync();
            throw;
        }

        return child;
    }

    /// <summary>Opens a block in the child: a fresh requester, warmed untimed.</summary>
    public Task OpenBlockAsync(CancellationToken cancellationToken) => CommandAsync(RuntimePairChildCommand.OpenCommand, cancellationToken);

    /// <summary><paramref name="requests"/> more requests of the open block, timed inside the child.</summary>
    public Task TimeAsync(int requests, CancellationToken cancellationToken) => CommandAsync(RuntimePairChildCommand.TimeCommand(requests), cancellationToken);

    /// <summary>Closes the open block: its quantiles and GCs over every request it timed.</summary>
    public async Task<BlockResult> CloseBlockAsync(CancellationToken cancellationToken)
    {
        var line = await WriteAndReadAsync(RuntimePairChildCommand.CloseCommand, cancellationToken);
        try
        {
            return BlockResult.Parse(line ?? string.Empty);
        }
        catch (FormatException e)
        {
            throw Failed(e.Message);
        }
    }

    private async Task CommandAsync(string command, CancellationToken cancellationToken)
    {
        var line = await WriteAndReadAsync(command, cancellationToken);
        if (line != RuntimePairChildCommand.DoneLine)
        {
            throw Failed($"answered '{command}' with '{line}'");
        }
    }

    private async Task<string?> WriteAndReadAsync(string command, CancellationToken cancellationToken)
    {
        await _process.StandardInput.WriteLineAsync(command.AsMemory(), cancellationToken);
        await _process.StandardInput.FlushAsync(cancellationToken);
        return await ReadLineAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(exit.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            return await _process.StandardOutput.ReadLineAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failed($"did not answer within {Deadline.TotalMinutes} min");
        }
    }

    private InvalidOperationException Failed(string what)
    {
        lock (_stderr)
        {
            return new InvalidOperationException($"runtime-pair child {_process.Id} {what}{Environment.NewLine}{_stderr}".TrimEnd());
        }
    }
}
