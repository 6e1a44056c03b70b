using BenchmarkDotNet.Running;
using LeakBench.Benchmarks;
using LeakBench.Cases;
using LeakBench.Reports;
using LeakBench.Reports.Charts;

namespace LeakBench.Tests.Reports;

/// <summary>
/// The one definition of a case's group: every case of every study class finds its baseline row, through the
/// A/A check, the charts and <see cref="CaseGroups"/> alike, including the cases whose baseline differs from them in
/// more than dispose and drain (large gen0, TLS without resumption, the connection-limit class's 2 MiB cases).
/// </summary>
public sealed class CaseGroupsTests
{
    private static readonly Type[] Classes =
    [
        typeof(DisposeDrainBenchmarks), typeof(FramingBenchmarks), typeof(Http2Benchmarks), typeof(ConnectionLimitBenchmarks),
        typeof(FdLimitBenchmarks), typeof(TlsBenchmarks), typeof(LifetimeBenchmarks),
    ];

    public static TheoryData<Type> StudyClasses => new(Classes);

    // The rows as SummaryRows makes them from a run of the class: case and baseline case from the catalog.
    private static List<StudyRow> RowsOf(Type type) =>
        BenchmarkConverter.TypeToBenchmarks(type).BenchmarksCases.Select(c => ReportSamples.Baseline with
        {
            Benchmark = type.Name,
            Method = c.Descriptor.WorkloadMethod.Name,
            Case = CaseCatalog.Of(c),
            IsBaseline = c.Descriptor.Baseline,
            BaselineCase = CaseCatalog.BaselineOf(c),
        }).ToList();

    [Theory]
    [MemberData(nameof(StudyClasses))]
    public void Every_case_finds_its_own_baseline_row_through_every_entry_point(Type type)
    {
        var rows = RowsOf(type);

        foreach (var row in rows)
        {
            var baseline = CaseGroups.BaselineOf(row, rows);
            Assert.NotNull(baseline);
            Assert.True(baseline.IsBaseline);
            Assert.Equal(row.BaselineCase, baseline.Case);
            Assert.Same(baseline, AaCheck.GroupBaseline(row, rows));
            Assert.Same(row.IsBaseline ? null : baseline, ChartGroups.BaselineOf(row, rows));
            Assert.Equal(ChartGroups.GroupKey(row), ChartGroups.GroupKey(baseline));
            Assert.Equal(CaseGroups.KeyOf(baseline), CaseGroups.KeyOf(row));
        }
    }

    [Fact]
    public void The_cases_the_latency_chart_lost_are_in_their_baselines_group()
    {
        var rows = Classes.SelectMany(RowsOf).ToList();
        var lost = rows.Where(r => (r.Benchmark == nameof(Http2Benchmarks) && r.Case.GcConfig == GcConfig.LargeGen0) || (r.Case.Tls && !r.Case.TlsResume)
            || (r.Benchmark == nameof(ConnectionLimitBenchmarks) && r.Case.BodyBytes > 1024)).ToList();

        Assert.NotEmpty(lost);
        Assert.All(lost, r => Assert.NotEqual(r.Case with { Disposed = true, Drain = Drain.Full }, CaseGroups.BaselineOf(r, rows)!.Case));
        Assert.All(lost, r => Assert.NotNull(ChartGroups.BaselineOf(r, rows)));
    }

    [Fact]
    public void A_row_in_another_runtime_or_without_a_baseline_case_has_no_baseline()
    {
        var rows = ReportSamples.Rows;
        var otherRuntime = ReportSamples.Reused with { Runtime = ReportSamples.Net8 };
        var unknown = ReportSamples.Reused with { BaselineCase = null };

        Assert.Same(ReportSamples.Baseline, CaseGroups.BaselineOf(ReportSamples.Reused, rows));
        Assert.Null(CaseGroups.BaselineOf(otherRuntime, rows));
        Assert.Null(CaseGroups.BaselineOf(unknown, rows));
        Assert.Null(CaseGroups.KeyOf(unknown));
    }
}
