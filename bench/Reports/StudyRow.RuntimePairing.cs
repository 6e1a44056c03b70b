namespace LeakBench.Reports;

/// <summary>The row's cross-runtime pairing (issue 22), when the run paired runtimes and this row's runtime is not the reference.</summary>
public sealed partial record StudyRow
{
    /// <summary>This case on this row's runtime against the same case on the reference runtime, from process pairs; null when not paired.</summary>
    public RuntimePairing.RuntimeCaseComparison? RuntimePair { get; init; }
}
