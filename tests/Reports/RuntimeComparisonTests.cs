using LeakBench.Reports;

namespace LeakBench.Tests.Reports;

/// <summary>The runtime comparison: ratios to the baseline runtime and findings from the rows.</summary>
public sealed class RuntimeComparisonTests
{
    // The same two cases on .NET 8: twice the P95, 1.5 times the allocation; .NET 8's leak survives GC.
    private static readonly IReadOnlyList<StudyRow> TwoRuntimes =
    [
        ReportSamples.Baseline,
        ReportSamples.Leaking,
        ReportSamples.Baseline with { Runtime = ReportSamples.Net8, P95Ns = 165_000, AllocatedBytesPerRequest = 3_456.25 * 1.5 },
        ReportSamples.Leaking with
        {
            Runtime = ReportSamples.Net8,
            P95Ns = 420_000,
            AllocatedBytesPerRequest = 9_876.5 * 1.5,
            Census = ReportSamples.Leaking.Census with { AfterGc = 998 },
        },
    ];

    [Fact]
    public void One_runtime_has_no_comparison()
    {
        Assert.Null(RuntimeComparison.Of(ReportSamples.Rows));
        Assert.DoesNotContain("## Runtimes compared", StudyReportWriter.Write(ReportSamples.Environment, ReportSamples.Rows, []), StringComparison.Ordinal);
    }

    [Fact]
    public void Ratios_divide_by_the_same_case_on_the_baseline_runtime()
    {
        var comparison = RuntimeComparison.Of(TwoRuntimes)!;

        Assert.Equal("net10.0", comparison.Baseline.Moniker);
        Assert.Equal(["net10.0", "net8.0", "net10.0", "net8.0"], comparison.Rows.Select(r => r.Row.Runtime.Moniker));
        Assert.Equal([1.0, 2.0, 1.0, 2.0], comparison.Rows.Select(r => r.P95Ratio!.Value));
        Assert.Equal([1.0, 1.5, 1.0, 1.5], comparison.Rows.Select(r => r.AllocationRatio!.Value));
    }

    [Fact]
    public void Findings_name_changed_verdicts_and_the_ratio_range()
    {
        var findings = RuntimeComparison.Of(TwoRuntimes)!.Findings();

        Assert.Equal(
        [
            "Undisposed, unread ResponseHeadersRead responses of 1 KiB (DisposeDrainBenchmarks.Get) changed verdict across runtimes: .NET 10.0.12 leaks until GC, .NET 8.0.22 leaks past GC.",
            "On .NET 8.0.22, P95 latency was 2.00× to 2.00× (median 2.00×) that on .NET 10.0.12 across 2 cases, and allocation per request 1.50× to 1.50× (median 1.50×).",
        ], findings);
    }

    [Fact]
    public void The_baseline_runtime_can_be_chosen_and_must_exist()
    {
        var comparison = RuntimeComparison.Of(TwoRuntimes, "net8.0")!;

        Assert.Equal(0.5, comparison.Rows.First(r => r.Row.Runtime.Moniker == "net10.0").P95Ratio);
        var error = Assert.Throws<ArgumentException>(() => RuntimeComparison.Of(TwoRuntimes, "net9.0"));
        Assert.Contains("net9.0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_groups_the_matrix_by_runtime_and_adds_the_comparison()
    {
        var report = StudyReportWriter.Write(ReportSamples.Environment, TwoRuntimes, []);

        Assert.Contains("### DisposeDrainBenchmarks · ResponseHeadersRead · .NET 8.0.22", report, StringComparison.Ordinal);
        Assert.Contains("### DisposeDrainBenchmarks · ResponseHeadersRead · .NET 10.0.12", report, StringComparison.Ordinal);
        Assert.Contains("## Runtimes compared", report, StringComparison.Ordinal);
        Assert.Contains("| undisposed · unread · HeadersRead · 1 KiB | .NET 8.0.22 | leaks past GC | 1000 | 998 → 998 | 420 µs | 2.00× | 14.5 KiB | 1.50× |", report, StringComparison.Ordinal);
        Assert.Contains("- Against the baseline of DisposeDrainBenchmarks.Get on .NET 8.0.22 (", report, StringComparison.Ordinal);
    }
}
