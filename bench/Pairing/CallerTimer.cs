namespace LeakBench.Pairing;

/// <summary>
/// Times a sub-block under a case's load, for the case pairing and the cross-runtime child alike, so the two time a
/// concurrent case the same way: with one caller, its requests back to back; with several, each caller sends that many
/// back to back, all callers at once through the one requester (a case's callers share their client), so every latency is
/// a request's under that load. Each caller reads into a buffer of its own, made once and kept: no buffer is allocated
/// while the callers run, and no two callers write into the same one.
/// </summary>
/// <param name="bufferBytes">Each caller's read buffer.</param>
public sealed class CallerTimer(int bufferBytes)
{
    private readonly List<byte[]> _buffers = [];

    /// <summary>
    /// <paramref name="requests"/> a caller from <paramref name="callers"/> callers (fewer than 1 means 1), timed by
    /// <paramref name="timeOne"/> (one request into the buffer it is given; its latency): the latencies caller by caller.
    /// </summary>
    public async Task<IReadOnlyList<double>> TimeAsync(int requests, int callers, Func<byte[], Task<double>> timeOne, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requests);
        ArgumentNullException.ThrowIfNull(timeOne);
        callers = Math.Max(1, callers);
        while (_buffers.Count < callers)
        {
            _buffers.Add(new byte[bufferBytes]);
        }

        if (callers == 1)
        {
            return await TimeCallerAsync(_buffers[0]);
        }

        var perCaller = await Task.WhenAll(_buffers.Take(callers).Select(buffer => Task.Run(() => TimeCallerAsync(buffer), cancellationToken)));
        return perCaller.SelectMany(l => l).ToList();

        async Task<double[]> TimeCallerAsync(byte[] buffer)
        {
            var mine = new double[requests];
            for (var i = 0; i < requests; i++)
            {
                mine[i] = await timeOne(buffer);
            }

            return mine;
        }
    }
}
