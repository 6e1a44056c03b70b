using LeakBench.Cases;
using LeakBench.Processes;
using LeakBench.Target;

namespace LeakBench.RuntimePairing;

/// <summary>
/// The coordinator's handle on one <see cref="RuntimePairChildCommand"/> process: started with the case and target
/// in its environment, ready once warmed, then blocks opened, timed in sub-blocks and closed on command. Disposing ends it (stdin
/// closed; killed with its tree if it does not exit). Started and killed as every child of the study (<see cref="ChildProcess"/>).
/// </summary>
public sealed class RuntimePairChild : IAsyncDisposable
{
    /// <summary>How long a child may take to start and warm up, or to answer one block; a stalled child fails the comparison instead of hanging the study.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    private readonly ChildProcess _child;

    private RuntimePairChild(ChildProcess child) => _child = child;

    public static async Task<RuntimePairChild> StartAsync(RuntimeProcess runtime, TargetUrls target, StudyCase @case, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(target);
        // No overall deadline (a comparison talks to its children for as long as its cap allows): each answer has one.
        var child = new RuntimePairChild(ChildProcess.Start(runtime.Host, [runtime.Dll, RuntimePairChildCommand.Command], Timeout.InfiniteTimeSpan, environment: environment =>
        {
            environment[TargetUrls.EnvironmentVariable] = target.ToReadyLine();
            environment[CaseChannel.Variable] = CaseChannel.Encode(@case, null);
            foreach (var (name, value) in GcEnvironment.For(@case.GcConfig))
            {
                environment[name] = value;
            }

            if (runtime.DotnetRoot is { } root)
            {
                environment["DOTNET_ROOT"] = root;
            }
        }, cancellationToken: cancellationToken));
        try
        {
            var ready = await child.ReadLineAsync();
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

    // The child was started with the comparison's token, which kills it when cancelled; this one is checked between commands.
    private async Task<string?> WriteAndReadAsync(string command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await _child.WriteLineAsync(command);
        return await ReadLineAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _child.CloseInput();
            await _child.ExitedWithinAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // Its stdin is gone already: it has exited, or the kill below ends it.
        }
        finally
        {
            // Kills it, with its tree, if it is still running.
            _child.Dispose();
        }
    }

    private async Task<string?> ReadLineAsync()
    {
        try
        {
            return await _child.ReadLineAsync(Deadline);
        }
        catch (TimeoutException)
        {
            throw Failed($"did not answer within {Deadline.TotalMinutes} min");
        }
    }

    private InvalidOperationException Failed(string what) =>
        new($"runtime-pair child {_child.Id} {what}{Environment.NewLine}{_child.ErrorOutput}".TrimEnd());
}
