using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using LeakBench.Processes;

namespace LeakBench.Target;

/// <summary>How to launch the target. The defaults launch the built LeakBench.Server on free loopback ports.</summary>
public sealed record TargetServerOptions
{
    /// <summary>The target's dll; default: the build output next to this study (see the bench project file).</summary>
    public string? ServerDll { get; init; }

    /// <summary>Run this program instead of <c>dotnet ServerDll</c> (tests use it to launch a target that never gets ready).</summary>
    public string? Executable { get; init; }

    /// <summary>Arguments after the standard ones (<c>--port 0 --parent-pid PID</c>), or instead of them with <see cref="Executable"/>.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Where the target's console output goes; default: the temp folder.</summary>
    public string? LogDirectory { get; init; }
}

/// <summary>Thrown when the target cannot be started; the message names its log.</summary>
public sealed class TargetStartException(string message) : Exception(message);

/// <summary>
/// The target server as a child process: started from the build output, ready once it prints its
/// ready line, and killed on <see cref="Dispose"/>, on Ctrl+C, on process exit and on an unhandled
/// exception (<see cref="OwnChildren"/>, which starts and kills every child of the study's own). The
/// target also watches this process (<c>--parent-pid</c>) and stops itself when it is gone, which
/// covers a kill -9 of the benchmark.
/// </summary>
public sealed class TargetServer : IDisposable
{
    /// <summary>
    /// Gives the target the priority BenchmarkDotNet gives every benchmark process (High: nice -11 on Linux, which only
    /// root may set), so that client and target compete for the CPU on equal terms. Measured (issue 32): with the
    /// benchmark process at -11 and the target at 0 on a 2-core machine loaded by other work, the target got no CPU for
    /// 1.7 s while a request waited on it, and requests hit their 2 s timeout. Where the OS refuses, BenchmarkDotNet's
    /// processes stay at Normal too. Returns what the target got, for its log.
    /// </summary>
    internal static string RaisePriority(Process process)
    {
        try
        {
            process.PriorityClass = ProcessPriorityClass.High;
            return "High, as BenchmarkDotNet's benchmark processes";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            return $"Normal (raising it failed: {e.Message}), as BenchmarkDotNet's benchmark processes then";
        }
    }

    private readonly Process _process;
    private readonly StreamWriter _log;
    private int _disposed;

    private TargetServer(Process process, StreamWriter log, string logPath, TargetUrls urls)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
        Urls = urls;
    }

    public TargetUrls Urls { get; }

    public string LogPath { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The path of the built target, as baked into this assembly at build time.</summary>
    public static string DefaultServerDll =>
        Environment.GetEnvironmentVariable("LEAKBENCH_SERVER_DLL") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : typeof(TargetServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                  .FirstOrDefault(a => a.Key == "LeakBench.ServerDll")?.Value
              ?? throw new TargetStartException("this build does not say where LeakBench.Server.dll is; set LEAKBENCH_SERVER_DLL");

    public static Task<TargetServer> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(new TargetServerOptions(), cancellationToken);

    public static async Task<TargetServer> StartAsync(TargetServerOptions options, CancellationToken cancellationToken = default)
    {
        var logDirectory = options.LogDirectory ?? Path.GetTempPath();
        Directory.CreateDirectory(logDirectory);
        var logPath = Path.Combine(logDirectory, string.Create(CultureInfo.InvariantCulture, $"leakbench-server-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.log"));

        string fileName;
        var arguments = new List<string>();
        if (options.Executable is not null)
        {
            fileName = options.Executable;
        }
        else
        {
            var dll = options.ServerDll ?? DefaultServerDll;
            if (!File.Exists(dll))
            {
                throw new TargetStartException($"the target is not built: {dll} does not exist (build the solution in the same configuration first)");
            }

            fileName = DotnetHost.Path;
            arguments.AddRange([dll, "--port", "0", "--h2c-port", "0", "--control-port", "0", "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)]);
        }

        arguments.AddRange(options.Arguments);
        var log = new StreamWriter(logPath) { AutoFlush = true };
        log.WriteLine($"# {fileName} {string.Join(' ', arguments)}");
        var ready = new TaskCompletionSource<TargetUrls>(TaskCreationOptions.RunContinuationsAsynchronously);
        Process process;
        try
        {
            process = OwnChildren.Start(fileName, arguments, beforeStart: p => LogAndWatch(p, log, logPath, ready));
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            log.Dispose();
            throw new TargetStartException($"cannot start the target ({fileName}): {e.Message}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        log.WriteLine($"# priority: {RaisePriority(process)}");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ReadyTimeout);
        TargetUrls readyUrls;
        try
        {
            readyUrls = await ready.Task.WaitAsync(timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or TargetStartException)
        {
            OwnChildren.Kill(process);
            process.Dispose();
            lock (log)
            {
                log.Dispose();
            }

            if (e is TargetStartException)
            {
                throw;
            }

            cancellationToken.ThrowIfCancellationRequested();
            throw new TargetStartException(string.Create(
                CultureInfo.InvariantCulture,
                $"the target did not print its ready line ('{TargetUrls.ReadyPrefix.Trim()} ...') within {options.ReadyTimeout.TotalSeconds:0.#} s; its log: {logPath}{Tail(logPath)}"));
        }

        return new TargetServer(process, log, logPath, readyUrls);
    }

    public Task<TargetStats> ReadStatsAsync(CancellationToken cancellationToken = default) => TargetControl.ReadStatsAsync(Urls, cancellationToken);

    public Task ResetStatsAsync(CancellationToken cancellationToken = default) => TargetControl.ResetStatsAsync(Urls, cancellationToken);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        OwnChildren.Kill(_process);
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    // The target's stdout and stderr go to its log; its ready line completes ready; an exit before it fails it.
    private static void LogAndWatch(Process process, StreamWriter log, string logPath, TaskCompletionSource<TargetUrls> ready)
    {
        process.EnableRaisingEvents = true;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (log)
            {
                log.WriteLine(e.Data);
            }

            if (TargetUrls.TryParseReadyLine(e.Data) is { } urls)
            {
                ready.TrySetResult(urls);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (log)
                {
                    log.WriteLine(e.Data);
                }
            }
        };
        process.Exited += (_, _) =>
        {
            // The parameterless wait returns once the redirected output has been read to its end, so the log is complete.
            process.WaitForExit();
            ready.TrySetException(new TargetStartException(
                $"the target exited (code {SafeExitCode(process)}) before it was ready; its log: {logPath}{Tail(logPath)}"));
        };
    }

    private static string SafeExitCode(Process p)
    {
        try
        {
            return p.ExitCode.ToString(CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "unknown";
        }
    }

    private static string Tail(string logPath)
    {
        try
        {
            using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return lines.Length == 0 ? " (empty)" : Environment.NewLine + string.Join(Environment.NewLine, lines.TakeLast(10));
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }
}
