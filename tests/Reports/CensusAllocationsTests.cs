using LeakBench.Cases;
using LeakBench.Reports;

namespace LeakBench.Tests.Reports;

/// <summary>Known answers of the census's allocations and collections per request, and their ratios to the baseline.</summary>
public sealed class CensusAllocationsTests
{
    private static readonly StudyRow Baseline = ReportSamples.Baseline with
    {
        Census = ReportSamples.Baseline.Census with { Succeeded = 1000, AllocatedBytes = 3_000_000, Gen0 = 1, Gen1 = 0, Gen2 = 0 },
    };

    private static readonly StudyRow Leaking = Baseline with
    {
        Case = Baseline.Case with { Disposed = false, Drain = Drain.None },
        IsBaseline = false,
        BaselineCase = Baseline.Case,
        Census = Baseline.Census with { Succeeded = 500, AllocatedBytes = 4_500_000, Gen0 = 2, Gen1 = 1 },
    };

    [Fact]
    public void Per_request_figures_rest_on_every_successful_request()
    {
        Assert.Equal(9_000, Leaking.Census.AllocatedBytesPerRequest);
        Assert.Equal(4, Leaking.Census.Gen0Per1k); // 2 collections over 500 requests: not BenchmarkDotNet's steps of 5
        Assert.Equal(2, Leaking.Census.Gen1Per1k);
        Assert.Equal(0, Leaking.Census.Gen2Per1k);
    }

    [Fact]
    public void Ratios_divide_by_the_groups_baseline()
    {
        IReadOnlyList<StudyRow> rows = [Baseline, Leaking];

        Assert.Equal(3, CensusAllocations.Ratio(Leaking, rows));
        Assert.Equal(4, CensusAllocations.Gen0Ratio(Leaking, rows));
        Assert.Equal(1, CensusAllocations.Ratio(Baseline, rows));
        Assert.Null(CensusAllocations.Ratio(Leaking, [Leaking])); // no baseline in the run
    }

    [Fact]
    public void A_census_file_without_an_allocation_count_has_no_figure() =>
        Assert.Null((Baseline.Census with { AllocatedBytes = null }).AllocatedBytesPerRequest);
}
