using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using LeakBench.Server;

namespace LeakBench.Target;

/// <summary>How the study starts nginx (<c>--server nginx</c>).</summary>
public sealed record NginxServerOptions
{
    /// <summary>nginx's folder: its configuration, static files, temp paths and log (the run folder's <c>nginx/</c>).</summary>
    public required string Directory { get; init; }

    public NginxSettings Settings { get; init; } = NginxSettings.Defaults;

    /// <summary>The body sizes the cases ask for: one static file each, served as <c>/bytes/{size}</c> and <c>/chunked/{size}</c>.</summary>
    public IReadOnlyCollection<long> BodySizes { get; init; } = [];

    /// <summary>How long nginx gets to answer on its control port after it starts.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Debian's nginx as the study's target: one process (<c>master_process off</c>) on ports the study picked, with the
/// configuration <see cref="NginxConfig"/> writes. It never outlives the study: it is killed on <see cref="Dispose"/>, on
/// Ctrl+C, on process exit and on an unhandled exception, and it is started through <c>setpriv --pdeathsig KILL</c> from
/// a thread that lives as long as this process, so the kernel kills it when the study dies by any means (kill -9
/// included). It runs in a session of its own (<c>setsid</c>), so that a Ctrl+C in the terminal reaches the study, which
/// decides, as the Kestrel target ignores it. A system nginx is never touched: this one has its own prefix, ports, pid
/// file and process.
/// </summary>
public sealed class NginxServer : IDisposable
{
    private const string LoopbackAddress = "127.0.0.1";
    private const int StartAttempts = 5;
    private static readonly ConcurrentDictionary<NginxServer, byte> Live = new();

    // A parent-death signal fires when the thread that forked the child ends, not the process: the thread pool retires idle
    // threads, so nginx is always started from this one thread, which ends only with the process.
    private static readonly BlockingCollection<Action> Launches = [];
    private static readonly Lazy<Thread> Launcher = new(() =>
    {
        var thread = new Thread(() =>
        {
            foreach (var launch in Launches.GetConsumingEnumerable())
            {
                launch();
            }
        })
        {
            IsBackground = true,
            Name = "nginx-launcher",
        };
        thread.Start();
        return thread;
    });

    private readonly NginxServerOptions _options;
    private readonly string _executable;
    private readonly string _keyDirectory;
    private readonly byte[] _keyPem;
    private readonly string _thumbprint;
    private readonly StreamWriter _log;
    private readonly object _gate = new();
    private Process? _process;
    private int _disposed;

    static NginxServer()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => KillAll();
        Console.CancelKeyPress += (_, _) => KillAll();
    }

    private NginxServer(NginxServerOptions options, string executable, string version, string keyDirectory, byte[] keyPem, string thumbprint, NginxPorts ports)
    {
        _options = options;
        _executable = executable;
        Version = version;
        _keyDirectory = keyDirectory;
        _keyPem = keyPem;
        _thumbprint = thumbprint;
        Ports = ports;
        _log = new StreamWriter(LogPath, append: true) { AutoFlush = true };
    }

    /// <summary>nginx's own version line, e.g. "nginx/1.22.1".</summary>
    public string Version { get; }

    public NginxSettings Settings => _options.Settings;

    public NginxPorts Ports { get; private set; }

    public string ConfigPath => Path.Combine(_options.Directory, NginxConfig.FileName);

    public string LogPath => Path.Combine(_options.Directory, "nginx.log");

    /// <summary>The running nginx's pid (a restart changes it).</summary>
    public int ProcessId => _process?.Id ?? 0;

    /// <summary>The URLs as the census and the benchmark processes get them (<c>server=nginx</c> in the ready line).</summary>
    public TargetUrls Urls => new(Url("http", Ports.Http1), Url("http", Ports.H2c), Url("http", Ports.Control), ProcessId, Url("https", Ports.Https))
    {
        Server = TargetUrls.Nginx,
    };

    /// <summary>What the environment block says of this server: its version and the settings the configuration states.</summary>
    public string Describe() => $"{Version} ({_executable}), {Settings.Describe()}; configuration {ConfigPath}";

    /// <summary>
    /// Why nginx cannot be the target here, in one line; null when it can. Linux only: the study depends on a parent-death
    /// signal (setpriv, from util-linux) to never leave nginx behind.
    /// </summary>
    public static string? Unavailable(out string executable)
    {
        executable = string.Empty;
        if (!OperatingSystem.IsLinux())
        {
            return "--server nginx runs on Linux only (it starts Debian's nginx under a parent-death signal); use the default Kestrel target here";
        }

        if (Find("nginx", ["/usr/sbin", "/usr/local/sbin", "/usr/local/nginx/sbin"]) is not { } nginx)
        {
            return "--server nginx needs nginx, which is not installed (Debian: apt-get install nginx)";
        }

        if (Find("setpriv", ["/usr/bin", "/bin"]) is null || Find("setsid", ["/usr/bin", "/bin"]) is null)
        {
            return "--server nginx needs setpriv and setsid (Debian: apt-get install util-linux) to tie nginx's life to the study's";
        }

        executable = nginx;
        return null;
    }

    /// <summary>Writes nginx's folder and starts it on free loopback ports (new ones when a port was taken in between).</summary>
    /// <exception cref="TargetStartException">nginx is missing, cannot start, or does not answer; the message says why and names its log.</exception>
    public static async Task<NginxServer> StartAsync(NginxServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Unavailable(out var executable) is { } why)
        {
            throw new TargetStartException(why);
        }

        var directory = Path.GetFullPath(options.Directory);
        options = options with { Directory = directory };
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "temp"));
        WriteBodies(Path.Combine(directory, NginxConfig.WebRoot, "bytes"), options.BodySizes);

        // The study's own certificate: the certificate is public and stays with the run; the key is written outside the run
        // folder, only while nginx reads it at start, and deleted as soon as nginx answers.
        using var certificate = TargetCertificate.Create(DateTimeOffset.UtcNow);
        var tls = System.IO.Directory.CreateDirectory(Path.Combine(directory, "tls")).FullName;
        await File.WriteAllTextAsync(Path.Combine(tls, "certificate.pem"), certificate.ExportCertificatePem(), cancellationToken);
        using var key = certificate.GetECDsaPrivateKey() ?? throw new TargetStartException("the study's certificate has no ECDSA key");
        var keyPem = System.Text.Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem());
        var keyDirectory = System.IO.Directory.CreateTempSubdirectory("leakbench-nginx-key-").FullName;

        var server = new NginxServer(options, executable, await VersionAsync(executable, cancellationToken), keyDirectory, keyPem, TargetCertificate.Sha256Thumbprint(certificate), PickPorts());
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var failure = await server.LaunchAsync(cancellationToken);
                if (failure is null)
                {
                    break;
                }

                if (!failure.PortTaken || attempt == StartAttempts)
                {
                    throw new TargetStartException(failure.Message);
                }

                server.Ports = PickPorts();
            }
        }
        catch
        {
            server.Dispose();
            throw;
        }

        Live.TryAdd(server, 0);
        return server;
    }

    /// <summary>
    /// Stops nginx and starts it again on the same ports: what an earlier case left (its connections, their buffers, the
    /// requests in flight) is gone and the counts start from zero. A reload would not do: nginx's old workers keep serving
    /// the connections they have until those end.
    /// </summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        Stop();
        for (var attempt = 1; ; attempt++)
        {
            // The ports were nginx's a moment ago; one taken in between by someone else is an error, not a reason to move.
            var failure = await LaunchAsync(cancellationToken);
            if (failure is null)
            {
                return;
            }

            if (!failure.PortTaken || attempt == StartAttempts)
            {
                throw new TargetStartException("nginx did not start again: " + failure.Message);
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Live.TryRemove(this, out _);
        Stop();
        DeleteKey();
        try
        {
            System.IO.Directory.Delete(_keyDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Already gone; nothing of the key is left to delete.
        }

        lock (_log)
        {
            _log.Dispose();
        }
    }

    private sealed record LaunchFailure(string Message, bool PortTaken);

    private async Task<LaunchFailure?> LaunchAsync(CancellationToken cancellationToken)
    {
        var keyPath = Path.Combine(_keyDirectory, "key.pem");
        await File.WriteAllTextAsync(ConfigPath, NginxConfig.Write(_options.Directory, LoopbackAddress, Ports, Settings, Path.Combine(_options.Directory, "tls", "certificate.pem"), keyPath, _thumbprint), cancellationToken);
        var keyOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Readable by its owner only (nginx reads it as the study's user, before it serves anything).
            keyOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var keyFile = new FileStream(keyPath, keyOptions))
        {
            await keyFile.WriteAsync(_keyPem, cancellationToken);
        }

        var setpriv = Find("setpriv", ["/usr/bin", "/bin"]) ?? "setpriv";
        string[] arguments = ["--pdeathsig", "KILL", "setsid", _executable, "-p", _options.Directory + "/", "-c", ConfigPath, "-e", "stderr", "-g", "daemon off;"];
        Log($"# {setpriv} {string.Join(' ', arguments.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a))}");
        var output = new ConcurrentQueue<string>();
        // Started by the study's one process layer (killed with the run on exit, Ctrl+C or a crash), on the launcher
        // thread: the parent-death signal follows the thread that started the process.
        var process = await OnLauncherThread(() =>
        {
            var p = Processes.OwnChildren.Start(setpriv, arguments, beforeStart: p =>
            {
                p.OutputDataReceived += (_, e) => Keep(e.Data);
                p.ErrorDataReceived += (_, e) => Keep(e.Data);
            });
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            return p;
        });
        lock (_gate)
        {
            _process = process;
        }

        try
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                if (process.HasExited)
                {
                    process.WaitForExit();
                    var said = string.Join(Environment.NewLine, output);
                    return new LaunchFailure(
                        string.Create(CultureInfo.InvariantCulture, $"nginx exited (code {process.ExitCode}) before it answered; its log: {LogPath}{Environment.NewLine}{said}"),
                        said.Contains("Address already in use", StringComparison.Ordinal));
                }

                try
                {
                    await NginxControl.ReadStubStatusAsync(Url("http", Ports.Control), cancellationToken);
                    return null;
                }
                catch (HttpRequestException) when (clock.Elapsed < _options.ReadyTimeout)
                {
                    await Task.Delay(25, cancellationToken);
                }
                catch (HttpRequestException e)
                {
                    Stop();
                    return new LaunchFailure(string.Create(CultureInfo.InvariantCulture, $"nginx did not answer on its control port within {_options.ReadyTimeout.TotalSeconds:0.#} s ({e.Message}); its log: {LogPath}"), PortTaken: false);
                }
            }
        }
        finally
        {
            DeleteKey();
        }

        void Keep(string? line)
        {
            if (line is not null)
            {
                output.Enqueue(line);
                Log(line);
            }
        }
    }

    private void Log(string line)
    {
        lock (_log)
        {
            if (_disposed == 0)
            {
                _log.WriteLine(line);
            }
        }
    }

    private void DeleteKey()
    {
        var keyPath = Path.Combine(_keyDirectory, "key.pem");
        if (File.Exists(keyPath))
        {
            File.Delete(keyPath);
        }
    }

    private void Stop()
    {
        Process? process;
        lock (_gate)
        {
            process = _process;
            _process = null;
        }

        if (process is null)
        {
            return;
        }

        // SIGKILL (the one kill policy): its sockets close now (a leaked connection's unread bytes with an RST), and its ports are free.
        Processes.OwnChildren.Kill(process);
        process.Dispose();
    }

    private static void KillAll()
    {
        foreach (var server in Live.Keys)
        {
            server.Dispose();
        }
    }

    private static Task<T> OnLauncherThread<T>(Func<T> start)
    {
        _ = Launcher.Value;
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Launches.Add(() =>
        {
            try
            {
                done.SetResult(start());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task;
    }

    /// <summary>Four distinct free loopback ports, held at once while they are picked (nginx binds them a moment later; a port taken in between makes nginx exit, and the study picks again).</summary>
    private static NginxPorts PickPorts()
    {
        var sockets = Enumerable.Range(0, 4).Select(_ => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)).ToArray();
        try
        {
            foreach (var s in sockets)
            {
                s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            }

            var p = sockets.Select(s => ((IPEndPoint)s.LocalEndPoint!).Port).ToArray();
            return new NginxPorts(p[0], p[1], p[2], p[3]);
        }
        finally
        {
            foreach (var s in sockets)
            {
                s.Dispose();
            }
        }
    }

    /// <summary>One file per size, byte i being <c>i % 251</c>, as the Kestrel target sends it.</summary>
    private static void WriteBodies(string folder, IEnumerable<long> sizes)
    {
        System.IO.Directory.CreateDirectory(folder);
        foreach (var size in sizes.Distinct())
        {
            using var file = File.Create(Path.Combine(folder, size.ToString(CultureInfo.InvariantCulture)));
            BytePattern.WriteAsync(size, 64 * 1024, piece =>
            {
                file.Write(piece.Span);
                return Task.CompletedTask;
            }).GetAwaiter().GetResult();
        }
    }

    private static async Task<string> VersionAsync(string executable, CancellationToken cancellationToken)
    {
        // "nginx version: nginx/1.22.1", on stderr.
        using var process = Process.Start(new ProcessStartInfo(executable, "-v") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new TargetStartException($"cannot run {executable} -v");
        var text = (await process.StandardError.ReadToEndAsync(cancellationToken)) + await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? string.Empty;
        return line.StartsWith("nginx version: ", StringComparison.Ordinal) ? line["nginx version: ".Length..] : line;
    }

    private static string? Find(string name, IEnumerable<string> alsoIn)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return path.Concat(alsoIn).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }

    private static Uri Url(string scheme, int port) => new UriBuilder(scheme, LoopbackAddress, port).Uri;
}
