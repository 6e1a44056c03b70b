using BenchmarkDotNet.Attributes;
using LeakBench.Cases;
using LeakBench.Census;
using LeakBench.Pairing;
using LeakBench.Target;

namespace LeakBench.Benchmarks;

/// <summary>
/// What every request benchmark shares: the target from the host, the census before the timed
/// iterations, the case's client lifetime (one shared HttpClient unless the case is about lifetimes), and the bound that keeps a leaking case
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

    private readonly CallerTimer _callers = new(64 * 1024);
    private Func<int, byte[], Task>? _send;
    private CaseRequester? _requester;
    private RequestPattern? _pattern;
    private TargetUrls? _target;
    private StudyCase? _case;
    private int _port;
    private (string Path, CensusResult Census)? _censusFile;

    /// <summary>
    /// What a case of this class does, given what its method declares (<see cref="CaseAttribute"/>): the
    /// class adds its parameters' dimensions. Called by the host (<see cref="CaseCatalog"/>) on an instance
    /// whose parameters are set; the benchmark process gets the result from the host.
    /// </summary>
    protected internal abstract StudyCase Describe(StudyCase method);

    /// <summary>
    /// The census size of this class's cases, given the study's (1,000 quick, 5,000 published, or --requests).
    /// Classes that look for a stall or a failure scale it, so that the quick study stays within its budget.
    /// </summary>
    protected internal virtual int CensusRequestsFor(int studyRequests) => studyRequests;

    /// <summary>The census settings of one case of this class, given the job's: a class changes them only where its cases need it.</summary>
    protected internal virtual CensusSettings CensusSettingsFor(StudyCase study, CensusSettings settings) => settings;

    /// <summary>Runs the census of this case (when the host asked for one), then sets up the timed client.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _target = TargetFromEnvironment();
        var (described, baseline) = CaseChannel.FromEnvironment();
        _case = described;
        var uri = CaseTarget.UriFor(_target, described);
        _port = uri.Port;
        _pattern = RequestPattern.For(uri, described);
        if (CensusFile.FromEnvironment() is var (path, jobSettings))
        {
            var settings = CensusSettingsFor(described, jobSettings);
            var census = await SocketCensus.RunAsync(_target, described, _pattern, settings) with { Case = described, BaselineCase = baseline };
            // The baseline's gen0 budget for the leak model: after the census's figures are taken, before the pairing.
            census = Gen0BudgetProbe.RecordOnBaseline(census, described, baseline);
            // A case whose census stalled or failed, or whose leak can take every slot of its client (whether or not a
            // GC freed them during this census), would hang or time timeouts (in the pairing too): its census is its
            // measurement, and it is not timed, on purpose.
            if (NotTimedOnPurposeException.ReasonFor(described, census) is { } reason)
            {
                CensusFile.Write(path, census);
                throw new NotTimedOnPurposeException(reason);
            }

            // The pairing is its own phase after the census, so that the baseline's handler cannot add to the census's
            // counts; it starts clean from what the census leaked. For the baseline itself it is the A/A check. Both
            // sides send through the client each case names (protocol, TLS pin, client lifetime), as the census does.
            SocketCensus.FullGc();
            if (baseline is not null)
            {
                var pairingPin = described.Tls || baseline.Tls ? new CertificatePin(await TargetControl.ReadCertificateThumbprintAsync(_target)) : null;
                // The target counts its own peak of requests in flight from this reset: the load the pairing really put on it.
                await TargetControl.ResetStatsAsync(_target);
                var paired = await PairedLatency.MeasureAsync(uri, described, baseline, settings.Pairing, pairingPin);
                var targetPeak = (await TargetControl.ReadStatsAsync(_target)).ForPort(uri.Port).PeakActiveRequests;
                census = census with { Latency = paired with { Margin = settings.LatencyMargin, TargetPeakInFlight = targetPeak } };
            }

            CensusFile.Write(path, census);
            _censusFile = (path, census);
        }

        else if (NotTimedOnPurposeException.ReasonFor(described, census: null) is { } reason)
        {
            throw new NotTimedOnPurposeException(reason);
        }

        // The census closed its handler and collected what it leaked: the timed part starts clean too.
        SocketCensus.FullGc();
        var pin = described.Tls ? new CertificatePin(await TargetControl.ReadCertificateThumbprintAsync(_target)) : null;
        _requester = new CaseRequester(described, connect: null, pin);
    }

    /// <summary>
    /// One invocation: <see cref="RequestsPerInvoke"/> requests from the case's callers, sharing the client and the
    /// invocation's requests (<see cref="CallerTimer"/>: the callers' buffers and the send delegate are made once, so the
    /// harness allocates next to nothing inside the timed region). A request that waits until the request timeout here,
    /// after the census and the pairing passed, is a result and not a crash (issue 32): it goes into the census file
    /// (<see cref="TimedStall"/>) and the case stops, not timed, on purpose, so that no timeout is measured as latency.
    /// Any other exception fails the case.
    /// </summary>
    protected async Task RunAsync()
    {
        try
        {
            await _callers.ShareAsync(RequestsPerInvoke, _case?.Callers ?? 1, _send ??= SendAsync);
        }
        catch (Exception e) when (_censusFile is not null && CensusLoop.IsStall(e, CancellationToken.None))
        {
            throw RecordTimedStall(e);
        }
    }

    /// <summary>Writes the timed part's stall into the case's census file; the exception that stops the case.</summary>
    private NotTimedOnPurposeException RecordTimedStall(Exception stall)
    {
        var (path, census) = _censusFile!.Value;
        census = census with { TimedStall = new TimedStall(_requester!.Sent, BodyStallException.WhereOf(stall), stall.Message) };
        CensusFile.Write(path, census);
        return new NotTimedOnPurposeException(NotTimedOnPurposeException.ReasonFor(census)!, stall);
    }

    /// <summary>
    /// Leaking cases open a connection per request; let the GC close them between iterations so that
    /// the next iteration neither runs out of sockets nor pays for the previous one's leak.
    /// </summary>
    [IterationCleanup]
    public void BoundOpenSockets()
    {
        if (_target is not null && SocketTable.IsAvailable && new ProcSocketTable().CountHeld(_port).Open > OpenSocketBound)
        {
            SocketCensus.FullGc();
        }
    }

    private Task SendAsync(int request, byte[] buffer) => _requester!.SendAsync(_pattern!, buffer);

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
