namespace LeakBench.Census;

/// <summary>How big a census is, and the bounds that keep a leaking case from exhausting the machine.</summary>
public sealed record CensusSettings
{
    /// <summary>Requests per census (the study's N).</summary>
    public int Requests { get; init; } = 5_000;

    /// <summary>
    /// The census size of a case whose body is <see cref="LargeBodyBytes"/> or more, before its class scales it (each profile sets
    /// it; see <see cref="Config.StudyProfile.LargeBodyCensusRequests"/>); null means <see cref="Requests"/>.
    /// </summary>
    public int? LargeBodyRequests { get; init; }

    /// <summary>From this body size on, <see cref="LargeBodyRequests"/> applies: 1 MiB, the handler's drain limit.</summary>
    public const long LargeBodyBytes = 1024 * 1024;

    /// <summary>The census size of a case with a body of <paramref name="bodyBytes"/>, before its class scales it.</summary>
    public int RequestsFor(long bodyBytes) => bodyBytes >= LargeBodyBytes && LargeBodyRequests is int large ? large : Requests;

    /// <summary>Requests between two trajectory samples of the OS table.</summary>
    public int TrajectoryStep { get; init; } = 100;

    /// <summary>
    /// The most client sockets a census of a body of <see cref="SmallBodyBytes"/> or more lets pile up: a leaking 2 MiB
    /// case holds about 2 MiB of kernel buffers per socket, so 1,000 is ~2 GiB, well inside the machine, and far from the
    /// file descriptor and ephemeral port limits. Reaching the cap stops the census with <see cref="CensusResult.StoppedAt"/>.
    /// </summary>
    public int MaxOpenSockets { get; init; } = 1_000;

    /// <summary>
    /// The cap of a census of a body under <see cref="SmallBodyBytes"/>: such a leaked socket holds little in the kernel
    /// (the published run of 2026-12-03 found 0 B queued per open 1 KiB leaked connection: the client had read the body
    /// into its buffer), and 4,000 stay below the 5,000 census requests the preflight's fd need already counts and far
    /// below the ephemeral ports. The 1,000 of large bodies
    /// stopped the 1 KiB leaks before or just after their first gen0 GC (a 21–26 MB workstation budget at 15–19 KB per
    /// request is 1,100–1,700 requests, measured in the published run of 2026-12-03), so their peak measured the cap.
    /// </summary>
    public int SmallBodyMaxOpenSockets { get; init; } = 4_000;

    /// <summary>
    /// Bodies under this size get <see cref="SmallBodyMaxOpenSockets"/>: 64 KiB sits between the study's 1 KiB bodies and
    /// its 256 KiB and 2 MiB ones, and even a 64 KiB leak at 4,000 sockets would queue about 256 MB, inside the machine.
    /// </summary>
    public const long SmallBodyBytes = 64 * 1024;

    /// <summary>The socket cap of a census of a body of <paramref name="bodyBytes"/> (the one definition; the host hands it to the case's process).</summary>
    public int MaxOpenSocketsFor(long bodyBytes) => bodyBytes < SmallBodyBytes ? SmallBodyMaxOpenSockets : MaxOpenSockets;

    /// <summary>The wait after the last request before counting what is left (the Go article waits 1 s too); the host sets the profile's (<see cref="Config.StudyProfile.Settle"/>).</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The shortest settle of any job: zero, unless the server closes idle connections within a census's reach
    /// (<c>--nginx-timeouts</c>), when the settle outlasts its timeout so that the count after it sees what the server's
    /// close did to the client's sockets (CLOSE_WAIT until a GC).
    /// </summary>
    public TimeSpan MinimumSettle { get; init; } = TimeSpan.Zero;

    /// <summary>A pause after each request (zero: back to back). Spreads a census over time, for the pool lifetime cases.</summary>
    public TimeSpan PauseBetweenRequests { get; init; } = TimeSpan.Zero;

    /// <summary>How long two sources may take to agree (a finalizer can run between two readings).</summary>
    public TimeSpan AgreementWindow { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Where the census reads the OS socket table (--socket-table): proc on Linux, portable elsewhere.</summary>
    public SocketTableSource SocketTable { get; init; } = SocketTableSources.Default;

    /// <summary>The budget of the pairing phase after the census: the profile's, set per case by the host (<see cref="Config.StudyProfile.Pairing"/>).</summary>
    public Pairing.PairingSettings Pairing { get; init; } = LeakBench.Pairing.PairingSettings.Default;

    /// <summary>The run's practical margin for latency verdicts (<c>--margin</c>), recorded with the pairing's result.</summary>
    public double LatencyMargin { get; init; } = Statistics.PracticalMargin.Default;

    /// <summary>--precision: one half-width target for every case's pairing; null means the targets by case (<see cref="Pairing.PrecisionTargets"/>).</summary>
    public double? PrecisionOverride { get; init; }
}
