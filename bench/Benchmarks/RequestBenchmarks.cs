using BenchmarkDotNet.Attributes;
using LeakBench.Cases;
using LeakBench.Census;
using LeakBench.Pairing;
using LeakBench.Target;

namespace LeakBench.Benchmarks;

/// <summary>
/// What every request benchmark shares: the target from the host, the census before the timed
/// iterations, one shared HttpClient on a fresh handler, and the bound that keeps a leaking case
/// from piling up sockets between iterations.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "BenchmarkDotNet's [GlobalCleanup] disposes the client; the benchmark type is not a disposable resource.")]
public abstract class RequestBenchmarks
{
    /// <summary>
    /// Requests per benchmark invocation. BenchmarkDotNet divides by it, so every figure is per request
    /// while an invocation is long enough to time. Published: changing it changes every published row.
    /// </summary>
    public const int RequestsPerInvoke = 200;

    /// <summary>Above this many open client sockets an iteration cleanup forces a full GC (outside the timed region); the pairing phase uses the same bound between blocks.</summary>
    public const int OpenSocketBound = PairedLatencyRunner.OpenSocketBound;

    private readonly byte[] _buffer = new byte[64 * 1024];
    private CaseRequester? _requester;
    private RequestPattern? _pattern;
    private TargetUrls? _target;

    /// <summary>
    /// What a case of this class does, given what its method declares (<see cref="CaseAttribute"/>): the
    /// class adds its parameters' dimensions. Called by the host (<see cref="CaseCatalog"/>) on an instance
    /// whose parameters are set; the benchmark process gets the result from the host.
    /// </summary>
    protected internal abstract StudyCase Describe(StudyCase method);

    /// <summary>Runs the census of this case (when the host asked for one), then sets up the timed client.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _target = TargetFromEnvironment();
        var (described, baseline) = CaseChannel.FromEnvironment();
        _pattern = RequestPattern.For(CaseTarget.UriFor(_target, described), described);
        if (CensusFile.FromEnvironment() is var (path, settings))
        {
            var census = await SocketCensus.RunAsync(_target, described, _pattern, settings);
            if (census.StalledAt is int stalled)
            {
                CensusFile.Write(path, census);
                // Timing it would measure the client timeout, not the case (STUDY.md: a stall is a verdict, never a latency).
                throw new InvalidOperationException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{described.Label}: request {stalled} stalled (no response within {settings.RequestTimeout.TotalSeconds:0.#} s); the census is written, the case is not timed"));
            }

            // The pairing is its own phase after the census, so that the baseline's handler cannot add to the census's
            // counts; it starts clean from what the census leaked. For the baseline itself it is the A/A check.
            // Not yet for TLS or client-lifetime cases: the pairing builds plain shared clients on the HTTP/1.1 port
            // (it has no certificate pin and no per-request clients), so it would time another case.
            SocketCensus.FullGc();
            if (baseline is not null && !described.Tls && described.Lifetime == ClientLifetime.Shared)
            {
                census = census with { Latency = await PairedLatency.MeasureAsync(_target.Http1, described, baseline, PairingSettings.Default) };
            }

            CensusFile.Write(path, census);
        }

        // The census closed its handler and collected what it leaked: the timed part starts clean too.
        SocketCensus.FullGc();
        var pin = described.Tls ? new CertificatePin(await TargetControl.ReadCertificateThumbprintAsync(_target)) : null;
        _requester = new CaseRequester(described, connect: null, pin);
    }

    protected async Task RunAsync()
    {
        var requester = _requester!;
        var pattern = _pattern!;
        for (var i = 0; i < RequestsPerInvoke; i++)
        {
            await requester.SendAsync(pattern, _buffer);
        }
    }

    /// <summary>
    /// Leaking cases open a connection per request; let the GC close them between iterations so that
    /// the next iteration neither runs out of sockets nor pays for the previous one's leak.
    /// </summary>
    [IterationCleanup]
    public void BoundOpenSockets()
    {
        if (_target is not null && SocketTable.IsAvailable && ClientSocketCounts.Now(_pattern!.Uri.Port).Open > OpenSocketBound)
        {
            SocketCensus.FullGc();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _requester?.Dispose();
        _requester = null;
    }

    private static TargetUrls TargetFromEnvironment() =>
        TargetUrls.TryParseReadyLine(Environment.GetEnvironmentVariable(TargetUrls.EnvironmentVariable))
        ?? throw new InvalidOperationException(
            $"no target: {TargetUrls.EnvironmentVariable} is not set. Run the study through its own command (./run.sh, or dotnet run -c Release --project bench), which starts the Kestrel target.");
}
