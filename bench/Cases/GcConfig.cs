namespace LeakBench.Cases;

/// <summary>
/// The GC a benchmark process runs with: a case dimension, not a BenchmarkDotNet job. The host sets
/// the runtime's environment variables of that one process before it starts (in
/// <see cref="Diagnostics.CensusDiagnoser"/>, where it names the case), so the published job ids stay
/// Quick / Publish and compose with <c>--runtimes</c> unchanged. Names are published parameter values.
/// </summary>
public enum GcConfig
{
    /// <summary>The default: workstation, concurrent, the runtime's own gen0 budget.</summary>
    Workstation,

    /// <summary><c>DOTNET_gcServer=1</c>: server GC, whose budget differs (measured, not assumed).</summary>
    Server,

    /// <summary>
    /// Workstation with <c>DOTNET_GCgen0size=0x10000000</c> (256 MiB, read as hex and capped by the GC):
    /// a stand-in for a large server's budget. The census records the budget the run actually got.
    /// </summary>
    LargeGen0,

    /// <summary>
    /// Server GC with DATAS off (<c>DOTNET_gcServer=1</c>, <c>DOTNET_GCDynamicAdaptationMode=0</c>): server GC as it ran
    /// before .NET 9 turned DATAS on by default, one heap and one gen0 budget per core. The budget production servers
    /// on many cores get, here on this machine's cores.
    /// </summary>
    ServerNoDatas,

    /// <summary>
    /// Workstation with <c>DOTNET_GCgen0size=0x4000000</c> (64 MiB): a mid-size budget between the default and
    /// <see cref="LargeGen0"/>, so the model (peak ≈ budget ÷ bytes per request) is checked at a third point.
    /// </summary>
    MidGen0,

    /// <summary>
    /// Workstation with <c>DOTNET_GCgen0size=0x800000</c> (8 MiB): a budget small enough that a 1 KiB leak (about 15 KB
    /// allocated per request) meets a GC every ~550 requests, many times before 1,024 sockets, so the model is checked
    /// on a rhythm of GCs, not on one climb; the budget of a machine with a small cache or a small container. 8 MiB, not
    /// less: workstation (concurrent) GC lets gen0's budget grow up to 6 MiB as objects survive (the runtime's
    /// gen0_max_size; a leak's finalizable objects do), so a smaller setting measured a leak's budget 40% above its
    /// baseline's (4 MiB: 6.0 MB against 4.2 MB); from 6 MiB up the budget is the setting, as the default's is its cache size.
    /// </summary>
    SmallGen0,
}

/// <summary>The environment variables that give a process each <see cref="GcConfig"/>.</summary>
public static class GcEnvironment
{
    /// <summary>The requested gen0 budget of <see cref="GcConfig.LargeGen0"/>, as the variable says it (hex).</summary>
    public const string LargeGen0Size = "0x10000000";

    /// <summary>The requested gen0 budget of <see cref="GcConfig.MidGen0"/> (64 MiB, hex).</summary>
    public const string MidGen0Size = "0x4000000";

    /// <summary>The requested gen0 budget of <see cref="GcConfig.SmallGen0"/> (8 MiB, hex).</summary>
    public const string SmallGen0Size = "0x800000";

    public static IReadOnlyDictionary<string, string> For(GcConfig config) => config switch
    {
        GcConfig.Workstation => new Dictionary<string, string>(),
        GcConfig.Server => new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" },
        GcConfig.LargeGen0 => new Dictionary<string, string> { ["DOTNET_GCgen0size"] = LargeGen0Size },
        // DATAS (dynamic adaptation) is on by default for server GC from .NET 9; 0 turns it off.
        GcConfig.ServerNoDatas => new Dictionary<string, string> { ["DOTNET_gcServer"] = "1", ["DOTNET_GCDynamicAdaptationMode"] = "0" },
        GcConfig.MidGen0 => new Dictionary<string, string> { ["DOTNET_GCgen0size"] = MidGen0Size },
        GcConfig.SmallGen0 => new Dictionary<string, string> { ["DOTNET_GCgen0size"] = SmallGen0Size },
        _ => throw new ArgumentOutOfRangeException(nameof(config), config, null),
    };

    /// <summary>What was requested, for the report: "workstation", "server", "gen0size=0x10000000", "server, DATAS off".</summary>
    public static string Describe(GcConfig config) => config switch
    {
        GcConfig.Workstation => "workstation",
        GcConfig.Server => "server",
        GcConfig.LargeGen0 => "gen0size=" + LargeGen0Size,
        GcConfig.ServerNoDatas => "server, DATAS off",
        GcConfig.MidGen0 => "gen0size=" + MidGen0Size,
        GcConfig.SmallGen0 => "gen0size=" + SmallGen0Size,
        _ => config.ToString(),
    };
}
