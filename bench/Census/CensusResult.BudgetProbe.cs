namespace LeakBench.Census;

/// <summary>The gen0 budget measured by <see cref="Gen0BudgetProbe"/> in a baseline's census process (issue 21's leak model).</summary>
public sealed partial record CensusResult
{
    /// <summary>
    /// Bytes per gen0 GC in this process, measured by <see cref="Gen0BudgetProbe"/> after the census (whole budgets, not
    /// the census's requests); baselines only. Null for other cases, files from before the probe, or a probe that hit its ceiling.
    /// </summary>
    public long? Gen0BudgetProbeBytes { get; init; }
}
