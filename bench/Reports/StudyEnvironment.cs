namespace LeakBench.Reports;

/// <summary>The environment block every published table carries. Plain strings, as the run reported them.</summary>
public sealed record StudyEnvironment
{
    /// <summary>BenchmarkDotNet version, e.g. "0.15.8".</summary>
    public required string BenchmarkDotNet { get; init; }

    public required string Os { get; init; }

    public required string Cpu { get; init; }

    /// <summary>Cores as reported, e.g. "2 logical and 2 physical cores".</summary>
    public required string Cores { get; init; }

    /// <summary>Every runtime the run measured, e.g. ".NET 10.0.12 (10.0.1226.5, X64 RyuJIT AVX2)".</summary>
    public required IReadOnlyList<string> Runtimes { get; init; }

    /// <summary>The .NET SDK that built the run, e.g. "10.0.401".</summary>
    public required string Sdk { get; init; }

    /// <summary>The BenchmarkDotNet job, e.g. "LeakBenchJob (OutlierMode=DontRemove)".</summary>
    public required string Job { get; init; }

    /// <summary>When the run started, as the run formatted it (ISO 8601 recommended).</summary>
    public required string Date { get; init; }

    /// <summary>The command that repeats the run.</summary>
    public required string CommandLine { get; init; }

    /// <summary>What the client talks to: the target and the runtime it runs on (the same for every client runtime).</summary>
    public string? Target { get; init; }

    /// <summary>The server when it is not LeakBench's own target (<c>--server nginx</c>): its version, e.g. "nginx/1.22.1"; null for the Kestrel target.</summary>
    public string? Server { get; init; }

    /// <summary>The settings of <see cref="Server"/> that decide the findings, as its configuration states them (keepalive_requests and the like).</summary>
    public string? ServerSettings { get; init; }

    /// <summary>Where the census read the OS socket table: proc or portable, with what that means.</summary>
    public string? SocketTable { get; init; }

    /// <summary>The run's practical margin (a fraction): every latency verdict of the run is judged against it (<c>--margin</c>).</summary>
    public double LatencyMargin { get; init; } = Statistics.PracticalMargin.Default;

    /// <summary>The machine's tcp_rmem and tcp_wmem (they bound the bytes a connection holds queued in the kernel); "n/a" off Linux.</summary>
    public string? TcpBuffers { get; init; }
}
