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

        // Measured .NET 10 first, compared in version order: .NET 8, the oldest, is the baseline.
        Assert.Equal("net8.0", comparison.Baseline.Moniker);
        Assert.Equal(["net8.0", "net10.0", "net8.0", "net10.0"], comparison.Rows.Select(r => r.Row.Runtime.Moniker));
        Assert.Equal([1.0, 0.5, 1.0, 0.5], comparison.Rows.Select(r => r.P95Ratio!.Value));
        Assert.Equal([1.0, 1 / 1.5, 1.0, 1 / 1.5], comparison.Rows.Select(r => r.AllocationRatio!.Value));
    }

    [Fact]
    public void Findings_name_changed_verdicts_and_the_latency_verdicts()
    {
        var findings = RuntimeComparison.Of(TwoRuntimes)!.Findings();

        Assert.Equal(
        [
            "Undisposed, unread ResponseHeadersRead responses of 1 KiB (DisposeDrainBenchmarks.Get) changed verdict across runtimes: .NET 8.0.22 leaks past GC, .NET 10.0.12 leaks until GC.",
            "On .NET 10.0.12, no case had enough timed blocks on both runtimes for a latency ratio against .NET 8.0.22; allocation per request 0.67× to 0.67× (median 0.67×).",
        ], findings);
    }

    [Theory]
    [InlineData("net10.0", 10, 0)]
    [InlineData("net8.0", 8, 0)]
    [InlineData("netcoreapp3.1", 3, 1)]
    [InlineData("net9.0-windows", 9, 0)]
    public void A_moniker_names_its_version(string moniker, int major, int minor) =>
        Assert.Equal(new Version(major, minor), RuntimeComparison.VersionOf(moniker));

    [Fact]
    public void Runtimes_are_in_version_order_not_text_order()
    {
        var net9 = new StudyRuntime(".NET 9.0.9", "net9.0");
        StudyRow[] rows = [ReportSamples.Baseline, ReportSamples.Baseline with { Runtime = net9 }, ReportSamples.Baseline with { Runtime = ReportSamples.Net8 }];

        Assert.Equal(["net8.0", "net9.0", "net10.0"], RuntimeComparison.RuntimesOf(rows).Select(r => r.Moniker));
        Assert.Null(RuntimeComparison.VersionOf("custom"));
    }

    [Fact]
    public void The_baseline_runtime_can_be_chosen_and_must_exist()
    {
        var comparison = RuntimeComparison.Of(TwoRuntimes, "net10.0")!;

        Assert.Equal(2.0, comparison.Rows.First(r => r.Row.Runtime.Moniker == "net8.0").P95Ratio);
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
        Assert.Contains("| undisposed · unread · HeadersRead · 1 KiB | .NET 8.0.22 | leaks past GC | 1000 | 998 → 998 | 420 µs | — (the baseline runtime) | 14.5 KiB | 1.00× |", report, StringComparison.Ordinal);
        Assert.Contains("| undisposed · unread · HeadersRead · 1 KiB | .NET 10.0.12 | leaks until GC | 1000 | 998 → 0 | 210 µs | — (0 and 0 timed blocks; at least 4 on each runtime are needed for bounds) | 9.65 KiB | 0.67× |", report, StringComparison.Ordinal);
        // Version order in the tables too: .NET 8 before .NET 10, though .NET 10 was measured first.
        Assert.True(report.IndexOf("· .NET 8.0.22", StringComparison.Ordinal) < report.IndexOf("· .NET 10.0.12", StringComparison.Ordinal));
        // The leak's group (the ResponseHeadersRead baseline's) has no baseline row here: it is set against no other group's baseline.
        Assert.DoesNotContain("Against the baseline of", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_case_is_set_against_its_own_groups_baseline_on_its_own_runtime()
    {
        IReadOnlyList<StudyRow> rows = [.. TwoRuntimes, ReportSamples.Reused, ReportSamples.Reused with { Runtime = ReportSamples.Net8 }];

        var report = StudyReportWriter.Write(ReportSamples.Environment, rows, []);

        Assert.Contains("### Each case against its group's baseline", report, StringComparison.Ordinal);
        var sentences = report.Split('\n').Where(l => l.StartsWith("- Against the baseline of ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, sentences.Count);
        Assert.All(sentences, s => Assert.Contains("the highest paired latency ratio was undisposed · unread · ContentRead · 1 KiB", s, StringComparison.Ordinal));
        Assert.All(sentences, s => Assert.DoesNotContain("HeadersRead", s, StringComparison.Ordinal));
        Assert.Contains(sentences, s => s.StartsWith("- Against the baseline of DisposeDrainBenchmarks.Get on .NET 8.0.22 (disposed · read to end · ContentRead · 1 KiB", StringComparison.Ordinal));
    }
}
