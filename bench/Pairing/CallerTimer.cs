namespace LeakBench.Pairing;

/// <summary>
/// The study's one concurrent-callers loop, for the timed benchmark, the census, the case pairing and the cross-runtime
/// child alike, so that they all send a concurrent case's requests the same way: with one caller, its requests back to
/// back; with several, all callers at once through the one requester (a case's callers share their client). Each caller
/// reads into a buffer of its own, made once and kept, and the callers start without Task.Run, closures or LINQ: inside
/// BenchmarkDotNet's timed region the loop allocates only each caller's async state (once an invocation, not once a
/// request), so the figure per request is the client's, not the harness's. One run at a time on one instance.
/// </summary>
/// <param name="bufferBytes">Each caller's read buffer.</param>
public sealed class CallerTimer(int bufferBytes)
{
    private readonly List<byte[]> _buffers = [];
    private Task[] _running = [];
    private Func<int, byte[], Task>? _send;
    private int _limit;
    private bool _eachCaller;
    private int _next;
    private int _stop;

    /// <summary>
    /// <paramref name="requests"/> a caller from <paramref name="callers"/> callers (fewer than 1 means 1), timed by
    /// <paramref name="timeOne"/> (one request into the buffer it is given; its latency): the latencies caller by caller.
    /// </summary>
    public async Task<IReadOnlyList<double>> TimeAsync(int requests, int callers, Func<byte[], Task<double>> timeOne, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requests);
        ArgumentNullException.ThrowIfNull(timeOne);
        cancellationToken.ThrowIfCancellationRequested();
        var latencies = new double[requests * Math.Max(1, callers)];
        await RunAsync(requests, callers, eachCaller: true, async (request, buffer) => latencies[request - 1] = await timeOne(buffer));
        return latencies;
    }

    /// <summary>
    /// <paramref name="requests"/> requests shared by <paramref name="callers"/> callers (fewer than 1 means 1): each caller
    /// takes the next request number (1-based) as soon as its last request is done and sends it with
    /// <paramref name="send"/> (the request number, the caller's buffer), until every request is taken or
    /// <see cref="Stop"/> is called. An exception from <paramref name="send"/> stops the other callers too; it is thrown
    /// once every caller has finished its request in flight.
    /// </summary>
    /// <remarks>Pass a delegate made once and kept (a field), not a lambda per call: a new closure would be the harness's allocation.</remarks>
    public Task ShareAsync(int requests, int callers, Func<int, byte[], Task> send)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requests);
        ArgumentNullException.ThrowIfNull(send);
        return RunAsync(requests, callers, eachCaller: false, send);
    }

    /// <summary>No caller of the run in progress takes another request; those in flight finish.</summary>
    public void Stop() => Volatile.Write(ref _stop, 1);

    private Task RunAsync(int requests, int callers, bool eachCaller, Func<int, byte[], Task> send)
    {
        callers = Math.Max(1, callers);
        while (_buffers.Count < callers)
        {
            _buffers.Add(new byte[bufferBytes]);
        }

        if (_running.Length != callers)
        {
            _running = new Task[callers];
        }

        _send = send;
        _limit = requests;
        _eachCaller = eachCaller;
        _next = 0;
        _stop = 0;
        return callers == 1 ? CallerAsync(0, gate: null) : AllCallersAsync();
    }

    private async Task AllCallersAsync()
    {
        // Timed sub-blocks (each caller its own few requests): every caller starts on this thread and waits at one gate,
        // opened once all have started, so their first requests leave together from the thread pool and all are in
        // flight at once (started one by one, a loaded machine's first callers finished short requests before the last
        // began: 12 of 16 at the target, seen in CI). A shared invocation (the benchmark's 200 requests) needs none, its
        // callers overlap over the invocation, and a gate would box each caller's state machine in the timed region.
        var gate = _eachCaller ? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) : null;
        for (var caller = 0; caller < _running.Length; caller++)
        {
            _running[caller] = CallerAsync(caller, gate?.Task);
        }

        gate?.SetResult();

        try
        {
            await Task.WhenAll(_running);
        }
        finally
        {
            Array.Clear(_running);
        }
    }

    private async Task CallerAsync(int caller, Task? gate)
    {
        var buffer = _buffers[caller];
        var send = _send!;
        if (gate is not null)
        {
            await gate;
        }

        // Each caller its own requests back to back (numbered caller by caller), or the next of the shared ones.
        for (var sent = 1; Volatile.Read(ref _stop) == 0; sent++)
        {
            var request = _eachCaller ? (caller * _limit) + sent : Interlocked.Increment(ref _next);
            if ((_eachCaller ? sent : request) > _limit)
            {
                return;
            }

            try
            {
                await send(request, buffer);
            }
            catch
            {
                Stop();
                throw;
            }
        }
    }
}
