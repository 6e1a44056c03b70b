using LeakBench.Cases;

namespace LeakBench.Census;

/// <summary>
/// What the census file says it measured: the case and its group's baseline case, as the host named them to the
/// benchmark process. <c>verify</c> rebuilds each row's group from them, so the file alone says which A/A a
/// case's margin answers to.
/// </summary>
public sealed partial record CensusResult
{
    /// <summary>The case this census measured; null in files written before it was recorded (and in the fd-limit child's).</summary>
    public StudyCase? Case { get; init; }

    /// <summary>The baseline case its latency was paired with; null when its class has none, or in files written before it was recorded.</summary>
    public StudyCase? BaselineCase { get; init; }
}
