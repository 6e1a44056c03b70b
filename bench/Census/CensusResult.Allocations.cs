using System.Text.Json.Serialization;

namespace LeakBench.Census;

/// <summary>
/// Allocations and collections per request over all the census's requests (issue 19), from <see cref="AllocatedBytes"/>
/// (<c>GC.GetTotalAllocatedBytes(precise: true)</c> around the request loop) and the GC counts around it. Unlike
/// BenchmarkDotNet's figures (one 200-request iteration, so gen0 per 1,000 moves in steps of 5) these rest on every
/// request of the census.
/// <para>
/// Process-wide: they include what the census's own instruments allocate while the requests run, the meter listener
/// (every case), the OS-table samples every <see cref="CensusSettings.TrajectoryStep"/> requests (every case but the
/// lowered fd-limit ones, which skip them, as their baselines do), the TLS event listener (every TLS case, its baseline
/// included) and, in undisposed HTTP/2 cases only, one weak reference per request (<see cref="HeldResponses"/>). A ratio
/// to the group's baseline therefore compares the same instruments on both sides, except that HTTP/2 weak reference:
/// they are figures of the census as it ran, not exact per-request costs of the client.
/// </para>
/// </summary>
public sealed partial record CensusResult
{
    /// <summary>Bytes allocated per successful request during the census; null in files without <see cref="AllocatedBytes"/>.</summary>
    [JsonIgnore]
    public double? AllocatedBytesPerRequest => AllocatedBytes is { } bytes && Succeeded > 0 ? (double)bytes / Succeeded : null;

    /// <summary>Gen0 collections per 1,000 successful requests during the census.</summary>
    [JsonIgnore]
    public double Gen0Per1k => Per1k(Gen0);

    /// <summary>Gen1 collections per 1,000 successful requests during the census.</summary>
    [JsonIgnore]
    public double Gen1Per1k => Per1k(Gen1);

    /// <summary>Gen2 collections per 1,000 successful requests during the census.</summary>
    [JsonIgnore]
    public double Gen2Per1k => Per1k(Gen2);

    private double Per1k(int collections) => Succeeded > 0 ? collections * 1000.0 / Succeeded : 0;
}
