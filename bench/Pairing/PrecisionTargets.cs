using LeakBench.Cases;

namespace LeakBench.Pairing;

/// <summary>
/// The half-width a case's paired ratio is asked to reach (½·ln(hi/lo) ≤ ln(1 + target)), by what a request costs:
/// cheap requests (plaintext bodies up to 256 KiB, tens to hundreds of microseconds) can afford the pairs a fine
/// target needs within their time cap, costly ones (2 MiB bodies at 2–5 ms, TLS handshakes) cannot. Quick targets are
/// coarser because the quick study must fit in 8 minutes. <c>--precision</c> sets one target for every case.
/// </summary>
public static class PrecisionTargets
{
    /// <summary>Bodies up to this size, in plaintext, count as cheap.</summary>
    public const long CheapUpToBytes = 256 * 1024;

    /// <summary>Cheap cases, Publish job: ±1%, a fifth of the default margin, so a verdict's bounds rarely straddle its edge.</summary>
    public const double CheapPublish = 0.01;

    /// <summary>Cheap cases, Quick job: ±2.5%, half the default margin.</summary>
    public const double CheapQuick = 0.025;

    /// <summary>Costly cases (larger bodies, TLS), Publish job: ±2.5%, half the default margin.</summary>
    public const double CostlyPublish = 0.025;

    /// <summary>Costly cases, Quick job: ±5%, the default margin itself: enough to call a ×1.2 slower.</summary>
    public const double CostlyQuick = 0.05;

    /// <summary>The finest target --precision accepts: 0.1% (no time cap here reaches it; the cap then stops the pairing).</summary>
    public const double Finest = 0.001;

    /// <summary>The coarsest target --precision accepts: 50%; coarser would stop at the first check, 16 pairs.</summary>
    public const double Coarsest = 0.5;

    /// <summary>True when requests of <paramref name="case"/> are cheap (plaintext, body up to <see cref="CheapUpToBytes"/>).</summary>
    public static bool IsCheap(StudyCase @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return !@case.Tls && @case.BodyBytes <= CheapUpToBytes;
    }

    /// <summary>The target of <paramref name="case"/> (its group's baseline gets the same, since it is cheap alike) under the Publish or the Quick job.</summary>
    public static double For(StudyCase @case, bool publish) => IsCheap(@case)
        ? (publish ? CheapPublish : CheapQuick)
        : (publish ? CostlyPublish : CostlyQuick);
}
