// A startup hook (DOTNET_STARTUP_HOOKS=<this dll>, H2TRACE_DIR=<folder>) that watches LeakBench's own processes (the
// study, its benchmark processes, the target) without a line of their code changed: each keeps its System.Net.Http,
// Kestrel and GC events in a ring; when a request of a client process has waited more than 1 s for its response headers (RequestStart without RequestStop), that process writes its
// ring, its thread pool and both ends' sockets, and drops a trigger file on which every other watched process (the
// target) writes its own ring. Used for LeakBench issue 32 (eng/repro/h2-hold/README.md).
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Reflection;

#pragma warning disable CA1050 // The runtime looks for a StartupHook class outside any namespace.
#pragma warning disable CA1812 // Instantiated by the runtime (startup hook) or below.
internal static class StartupHook
#pragma warning restore CA1050
{
    private static Watch? _watch;

    public static void Initialize()
    {
        var dir = Environment.GetEnvironmentVariable("H2TRACE_DIR");
        var entry = Assembly.GetEntryAssembly()?.GetName().Name ?? "";
        if (dir is null || !entry.StartsWith("LeakBench", StringComparison.Ordinal))
        {
            return;
        }

        Directory.CreateDirectory(dir);
        _watch = new Watch(dir, Environment.GetEnvironmentVariable("H2TRACE_INTERNAL") == "1");
    }
}

internal sealed class Watch : EventListener
{
    private const int Capacity = 200_000;
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(1);
    private readonly string _dir;
    private readonly bool _internal;
    private readonly string[] _ring = new string[Capacity];
    private readonly ConcurrentDictionary<Guid, (long Started, string What)> _inFlight = new();
    // Every request's wait for its response headers (RequestStart to RequestStop), in the order they started.
    private readonly ConcurrentQueue<(double Ms, string What)> _slowest = new();
    private readonly long[] _buckets = new long[6]; // < 10 ms, < 100 ms, < 250 ms, < 500 ms, < 1 s, >= 1 s
    private long _ordinal;
    private readonly HashSet<string> _seenTriggers = [];
    private readonly int _pid = Environment.ProcessId;
    private long _next;
    private int _dumps;

    public Watch(string dir, bool internalTrace)
    {
        _dir = dir;
        _internal = internalTrace;
        Add($"watching {Environment.CommandLine}");
        var thread = new Thread(Loop) { IsBackground = true, Name = "h2trace" };
        thread.Start();
        foreach (var existing in Directory.EnumerateFiles(dir, "*.trigger"))
        {
            _seenTriggers.Add(existing);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => WriteSummary();
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        switch (eventSource.Name)
        {
            case "System.Threading.Tasks.TplEventSource":
                EnableEvents(eventSource, EventLevel.Informational, (EventKeywords)0x80); // activity ids for the request events
                break;
            case "System.Net.Http":
            case "Microsoft-AspNetCore-Server-Kestrel":
                EnableEvents(eventSource, EventLevel.Verbose, EventKeywords.All);
                break;
            case "Private.InternalDiagnostics.System.Net.Http" when _internal:
                EnableEvents(eventSource, EventLevel.Verbose, EventKeywords.All);
                break;
            case "Microsoft-Windows-DotNETRuntime":
                EnableEvents(eventSource, EventLevel.Informational, (EventKeywords)0x1); // GC
                break;
            default:
                break;
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventSource.Name == "Microsoft-Windows-DotNETRuntime" && e.EventName is not ("GCStart_V2" or "GCEnd_V1" or "GCSuspendEEBegin_V1" or "GCSuspendEEEnd_V1" or "GCRestartEEBegin_V1" or "GCRestartEEEnd_V1"))
        {
            return;
        }

        var payload = e.Payload is null ? "" : string.Join(", ", e.Payload.Select((p, i) => $"{e.PayloadNames?[i]}={p}"));
        if (e.EventSource.Name == "System.Net.Http")
        {
            if (e.EventName == "RequestStart")
            {
                _inFlight[e.ActivityId] = (Stopwatch.GetTimestamp(), $"#{Interlocked.Increment(ref _ordinal)} {payload}");
            }
            else if (e.EventName == "RequestStop" && _inFlight.TryRemove(e.ActivityId, out var started))
            {
                var ms = Stopwatch.GetElapsedTime(started.Started).TotalMilliseconds;
                Interlocked.Increment(ref _buckets[ms < 10 ? 0 : ms < 100 ? 1 : ms < 250 ? 2 : ms < 500 ? 3 : ms < 1000 ? 4 : 5]);
                if (ms >= 250)
                {
                    _slowest.Enqueue((ms, $"{DateTime.UtcNow:HH:mm:ss.fff} {started.What}"));
                }
            }
            // With ResponseHeadersRead, RequestStop comes as SendAsync returns, at the headers (seen in these traces):
            // RequestStart to RequestStop is the wait for the response headers that a hold is about.
            else if (e.EventName is "ResponseHeadersStop" or "RequestStop" or "RequestFailed" or "RequestFailedDetailed")
            {
                _inFlight.TryRemove(e.ActivityId, out _);
            }
        }

        // The event's own time: the runtime's events (GC) reach a listener late, in batches.
        Add($"[{Environment.CurrentManagedThreadId}] {e.EventSource.Name} {e.EventName} act={e.ActivityId} {payload}", e.TimeStamp);
    }

    private void WriteSummary()
    {
        try
        {
            var name = Path.Combine(_dir, string.Create(CultureInfo.InvariantCulture, $"{_pid}.summary"));
            File.WriteAllLines(name, [
                $"process {_pid}: {Environment.CommandLine}",
                string.Create(CultureInfo.InvariantCulture, $"requests {Interlocked.Read(ref _ordinal)}; header waits <10ms {_buckets[0]}, <100ms {_buckets[1]}, <250ms {_buckets[2]}, <500ms {_buckets[3]}, <1s {_buckets[4]}, >=1s {_buckets[5]}; unanswered at exit {_inFlight.Count}"),
                .. _slowest.Select(s => string.Create(CultureInfo.InvariantCulture, $"slow {s.Ms:F0} ms: {s.What}"))]);
        }
        catch (IOException)
        {
            // As in Loop.
        }
    }

    private void Add(string line, DateTime? at = null)
    {
        var slot = Interlocked.Increment(ref _next) - 1;
        _ring[slot % Capacity] = string.Create(CultureInfo.InvariantCulture, $"{(at ?? DateTime.UtcNow).ToUniversalTime():HH:mm:ss.ffffff} {line}");
    }

    // The process's threads' time on a CPU and waiting for one (runqueue), summed over /proc/self/task/*/schedstat, in ms:
    // a process that gets no CPU for a while shows it as a jump in the wait, and as a gap in these 100 ms samples.
    private static string Sched()
    {
        long run = 0, wait = 0;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var f = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ');
                run += long.Parse(f[0], CultureInfo.InvariantCulture);
                wait += long.Parse(f[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The thread ended.
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"sched run={run / 1_000_000} ms wait={wait / 1_000_000} ms");
    }

    private IEnumerable<string> Lines()
    {
        var end = Interlocked.Read(ref _next);
        for (var i = Math.Max(0, end - Capacity); i < end; i++)
        {
            if (_ring[i % Capacity] is { } line)
            {
                yield return line;
            }
        }
    }

    private void Loop()
    {
        while (true)
        {
            Thread.Sleep(100);
            try
            {
                Add(Sched());
                foreach (var (id, (started, what)) in _inFlight)
                {
                    if (Stopwatch.GetElapsedTime(started) > Slow && _dumps < 5)
                    {
                        _inFlight.TryRemove(id, out _);
                        _dumps++;
                        var name = Path.Combine(_dir, string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HHmmss}-{_pid}-{_dumps}"));
                        File.WriteAllLines(name + ".client.log", [$"slow request act={id} {what}", .. State(), .. Lines()]);
                        File.WriteAllText(name + ".trigger", "");
                        _seenTriggers.Add(name + ".trigger");
                    }
                }

                foreach (var trigger in Directory.EnumerateFiles(_dir, "*.trigger"))
                {
                    if (_seenTriggers.Add(trigger))
                    {
                        File.WriteAllLines(string.Create(CultureInfo.InvariantCulture, $"{trigger}.{_pid}.log"), [.. State(), .. Lines()]);
                    }
                }
            }
            catch (IOException)
            {
                // A watch that cannot write is no reason to disturb the process it watches.
            }
        }
    }

    private static IEnumerable<string> State()
    {
        yield return $"process {Environment.ProcessId}: {Environment.CommandLine}";
        yield return string.Create(CultureInfo.InvariantCulture,
            $"threadpool threads={ThreadPool.ThreadCount} pending={ThreadPool.PendingWorkItemCount} completed={ThreadPool.CompletedWorkItemCount} gc0/1/2={GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
        yield return "loadavg " + File.ReadAllText("/proc/loadavg").Trim();
        yield return "cpu pressure " + File.ReadAllText("/proc/pressure/cpu").ReplaceLineEndings(" ").Trim();
        yield return string.Create(CultureInfo.InvariantCulture, $"priority {System.Diagnostics.Process.GetCurrentProcess().PriorityClass}; {Sched()}");
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                // Loopback only, not the listening sockets: the study's connections.
                if (f[3] != "0A" && (f[1].StartsWith("0100007F", StringComparison.Ordinal) || f[1].Contains("0000000000000000FFFF00000100007F", StringComparison.Ordinal)))
                {
                    yield return $"socket local={f[1]} remote={f[2]} state={f[3]} tx:rx={f[4]} inode={f[9]}";
                }
            }
        }
    }
}
