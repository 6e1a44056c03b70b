// A standalone repro of LeakBench issue 32 (no LeakBench code): one SocketsHttpHandler, h2c by prior knowledge, 256 KiB
// GETs with ResponseHeadersRead, each read to the end and never disposed, against a Kestrel target in its own process.
// Any request slower than --slow-ms is a "hold": the client's System.Net.Http events, the target's Kestrel log (a ring
// buffer) and both ends' sockets (/proc/net/tcp) at that moment are written to --out. README.md: what it showed.
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

return args is ["server", .. var serverArgs] ? await Target.RunAsync(serverArgs) : await Client.RunAsync(args);

/// <summary>The last <c>capacity</c> lines, with their time; written out when a request is slow.</summary>
internal sealed class Ring(int capacity)
{
    private readonly string[] _lines = new string[capacity];
    private long _next;

    public void Add(string line)
    {
        var at = Interlocked.Increment(ref _next) - 1;
        _lines[at % capacity] = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss.ffffff} {line}");
    }

    public IEnumerable<string> Lines()
    {
        var end = Interlocked.Read(ref _next);
        for (var i = Math.Max(0, end - capacity); i < end; i++)
        {
            if (_lines[i % capacity] is { } line)
            {
                yield return line;
            }
        }
    }
}

internal sealed class RingLoggerProvider(Ring ring) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new RingLogger(ring, categoryName);

    public void Dispose()
    {
    }

    private sealed class RingLogger(Ring ring, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            ring.Add($"{logLevel} {category}[{eventId.Name}] {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
    }
}

/// <summary>The target: h2c only, /bytes/{n} sends n bytes with a Content-Length, in 64 KiB writes (as LeakBench's target).</summary>
internal static class Target
{
    public static async Task<int> RunAsync(string[] args)
    {
        var trace = args.Contains("--trace");
        var ring = new Ring(200_000);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new RingLoggerProvider(ring));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Trace shows every HTTP/2 frame Kestrel reads and writes; Debug shows connection and stream starts and ends.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", trace ? LogLevel.Trace : LogLevel.Debug);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        var piece = new byte[64 * 1024];
        app.Run(async context =>
        {
            var size = long.Parse(context.Request.Path.Value!.AsSpan("/bytes/".Length), CultureInfo.InvariantCulture);
            context.Response.ContentLength = size;
            for (var sent = 0L; sent < size; sent += piece.Length)
            {
                await context.Response.Body.WriteAsync(piece.AsMemory(0, (int)Math.Min(piece.Length, size - sent)), context.RequestAborted);
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Console.WriteLine($"port {new Uri(address).Port}");

        // "dump <file>" writes the log ring; end of input stops the target.
        while (Console.ReadLine() is { } line)
        {
            if (line.StartsWith("dump ", StringComparison.Ordinal))
            {
                await File.WriteAllLinesAsync(line["dump ".Length..], ring.Lines());
                Console.WriteLine("dumped");
            }
        }

        await app.StopAsync();
        return 0;
    }
}

/// <summary>The client's System.Net.Http events (and, with --client-trace, its internal trace) into a ring.</summary>
internal sealed class HttpEvents(Ring ring, bool internalTrace) : EventListener
{
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "System.Net.Http" || (internalTrace && eventSource.Name == "Private.InternalDiagnostics.System.Net.Http"))
        {
            EnableEvents(eventSource, EventLevel.Verbose, EventKeywords.All);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        var payload = e.Payload is null ? "" : string.Join(", ", e.Payload.Select((p, i) => $"{e.PayloadNames?[i]}={p}"));
        ring.Add($"[{Environment.CurrentManagedThreadId}] {e.EventName} {payload}");
    }
}

internal static class Client
{
    public static async Task<int> RunAsync(string[] args)
    {
        int Option(string name, int fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var rounds = Option("--rounds", 100);
        var requests = Option("--requests", 200);
        var prelude = Option("--prelude-unread", 0);
        var body = Option("--body", 256 * 1024);
        var slowMs = Option("--slow-ms", 1000);
        var timeoutMs = Option("--timeout-ms", 2000);
        var gcEvery = Option("--gc-every", 0);
        var outDir = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? "h2-hold-out";
        Directory.CreateDirectory(outDir);

        var ring = new Ring(50_000);
        using var events = new HttpEvents(ring, args.Contains("--client-trace"));
        var self = Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal) ? $"{typeof(Client).Assembly.Location} server" : "server";
        var start = new ProcessStartInfo(Environment.ProcessPath!, self + (args.Contains("--server-trace") ? " --trace" : ""))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        using var target = Process.Start(start)!;
        // --client-high: the client at High priority (nice -11 as root) and the target at Normal, as BenchmarkDotNet's
        // benchmark process and LeakBench's target were; --both-high raises the target too.
        if (args.Contains("--client-high") || args.Contains("--both-high"))
        {
            Process.GetCurrentProcess().PriorityClass = ProcessPriorityClass.High;
        }

        if (args.Contains("--both-high"))
        {
            target.PriorityClass = ProcessPriorityClass.High;
        }

        var port = int.Parse(target.StandardOutput.ReadLine()!.Split(' ')[1], CultureInfo.InvariantCulture);
        var uri = new Uri($"http://127.0.0.1:{port}/bytes/{body}");
        var preludeUri = new Uri($"http://127.0.0.1:{port}/bytes/{256 * 1024}");
        Console.WriteLine($"runtime {Environment.Version}, client priority {Process.GetCurrentProcess().PriorityClass}, target {target.PriorityClass}, loadavg {File.ReadAllText("/proc/loadavg").Trim()}, target port {port}, {rounds} rounds x {requests} requests of {body} B, prelude {prelude} disposed unread, slow > {slowMs} ms, timeout {timeoutMs} ms");

        var buffer = new byte[64 * 1024];
        var holds = 0;
        var timeouts = 0;
        var sent = 0L;
        var slowest = 0.0;
        var over100 = 0;
        var clock = Stopwatch.StartNew();
        for (var round = 1; round <= rounds; round++)
        {
            if (prelude > 0)
            {
                using var before = NewClient(timeoutMs);
                for (var i = 0; i < prelude; i++)
                {
                    using var response = await before.GetAsync(preludeUri, HttpCompletionOption.ResponseHeadersRead);
                }
            }

            // A fresh handler per round, as the timed iteration makes one; disposed at the end, as its cleanup does.
            using var client = NewClient(timeoutMs);
            for (var i = 1; i <= requests; i++)
            {
                var began = Stopwatch.GetTimestamp();
                string outcome;
                try
                {
                    await ReadToEndUndisposedAsync(client, uri, buffer, body);
                    outcome = "ok";
                }
                catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
                {
                    timeouts++;
                    outcome = "timeout";
                }

                sent++;
                var ms = Stopwatch.GetElapsedTime(began).TotalMilliseconds;
                slowest = Math.Max(slowest, ms);
                if (ms > 100)
                {
                    over100++;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"slow: round {round} request {i}: {ms:F0} ms ({outcome})"));
                }

                if (ms > slowMs)
                {
                    holds++;
                    var file = Path.Combine(outDir, $"hold-{holds}-round{round}-request{i}");
                    await File.WriteAllLinesAsync(file + ".client.log", ring.Lines());
                    await File.WriteAllLinesAsync(file + ".sockets.txt", Sockets(port));
                    await target.StandardInput.WriteLineAsync($"dump {Path.GetFullPath(file)}.target.log");
                    await target.StandardInput.FlushAsync();
                    _ = await target.StandardOutput.ReadLineAsync();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"HOLD {holds}: round {round} request {i}: {ms:F0} ms ({outcome}), {file}.*"));
                }

                if (gcEvery > 0 && sent % gcEvery == 0)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                }
            }
        }

        target.StandardInput.Close();
        await target.WaitForExitAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"done: {rounds} rounds, {sent} requests in {clock.Elapsed.TotalSeconds:F1} s, holds (> {slowMs} ms) {holds}, timeouts {timeouts}, over 100 ms {over100}, slowest {slowest:F0} ms"));
        return holds == 0 ? 0 : 3;
    }

    private static HttpClient NewClient(int timeoutMs) => new(new SocketsHttpHandler(), disposeHandler: true)
    {
        Timeout = TimeSpan.FromMilliseconds(timeoutMs),
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    // Not inlined: the response must be unreachable once this returns (it is left to the GC, never disposed).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task ReadToEndUndisposedAsync(HttpClient client, Uri uri, byte[] buffer, long expected)
    {
#pragma warning disable CA2000 // Deliberately undisposed: the case under study.
        var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead);
#pragma warning restore CA2000
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync();
        long read = 0;
        for (int n; (n = await stream.ReadAsync(buffer)) > 0;)
        {
            read += n;
        }

        if (read != expected)
        {
            throw new InvalidOperationException($"read {read} bytes, expected {expected}");
        }
    }

    // Both ends' sockets of the target's port: state and the kernel's send/receive queues (hex, bytes).
    private static IEnumerable<string> Sockets(int port)
    {
        var hexPort = port.ToString("X4", CultureInfo.InvariantCulture);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f[1].EndsWith(":" + hexPort, StringComparison.Ordinal) || f[2].EndsWith(":" + hexPort, StringComparison.Ordinal))
                {
                    yield return $"{table} local={f[1]} remote={f[2]} state={f[3]} tx:rx={f[4]}";
                }
            }
        }
    }
}
