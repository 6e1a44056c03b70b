using LeakBench.Cases;

namespace LeakBench.RuntimePairing;

/// <summary>One case's cross-runtime comparison in a study, or why it has none (<paramref name="Failure"/>).</summary>
/// <param name="IsAa">The two-process A/A of the case's group: the reference runtime on both sides.</param>
/// <param name="NotTimedOnPurpose">The study did not time the case, on purpose (<paramref name="Failure"/> says why), so it was not timed across runtimes either: not a ratio that was sought.</param>
public sealed record RuntimeCaseComparison(string Benchmark, string Method, StudyCase Case, string Runtime, string Reference, bool IsAa, RuntimePairRun? Run, string? Failure, bool NotTimedOnPurpose = false);
