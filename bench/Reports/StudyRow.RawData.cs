namespace LeakBench.Reports;

/// <summary>Where a row's raw data is: the job it ran in and its census file, as report.csv names them for <c>verify</c>.</summary>
public sealed partial record StudyRow
{
    /// <summary>BenchmarkDotNet's job id, e.g. "Publish" or "Quick-net8.0"; null when unknown (rows built by hand).</summary>
    public string? Job { get; init; }

    /// <summary>The census file's name in the run's census/ folder; null when unknown.</summary>
    public string? CensusFile { get; init; }
}
