namespace LeakBench.Reports;

/// <summary>
/// A case on one runtime next to the same case on the baseline runtime. Ratios are this row's value over the
/// baseline's; null when the baseline runtime did not measure the case or the figure is missing or zero there.
/// </summary>
public sealed record RuntimeComparisonRow(StudyRow Row, StudyRow? OnBaselineRuntime, double? P95Ratio, double? AllocationRatio);
