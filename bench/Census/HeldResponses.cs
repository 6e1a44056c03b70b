namespace LeakBench.Census;

/// <summary>
/// The client's side of the open streams: the responses a case let go without disposing them that the GC has
/// not yet collected. Each is tracked by a short weak reference, which the GC clears when it finds the response
/// unreachable, in the same collection that queues its stream's finalizer (which resets an HTTP/2 stream and
/// frees its slot). The runtime has no count of its own: System.Net.Http's RequestStop fires when the response
/// headers arrive, and .NET 10 writes no ResponseContentStop for HTTP/2 (measured).
/// </summary>
/// <remarks>
/// One weak handle per request: the census makes one only for HTTP/2 cases, where a held stream buffers up to
/// 64 KiB and the handles do not move the GC. Read <see cref="Alive"/> with the requests stopped.
/// </remarks>
public sealed class HeldResponses
{
    private readonly object _gate = new();
    private readonly List<WeakReference<HttpResponseMessage>> _responses = [];

    /// <summary>Notes a response the case did not dispose.</summary>
    public void Track(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        lock (_gate)
        {
            _responses.Add(new WeakReference<HttpResponseMessage>(response, trackResurrection: false));
        }
    }

    /// <summary>Undisposed responses not yet collected.</summary>
    public int Alive
    {
        get
        {
            lock (_gate)
            {
                return _responses.Count(r => r.TryGetTarget(out _));
            }
        }
    }
}
