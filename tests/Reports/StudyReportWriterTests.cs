using LeakBench.Reports;
using LeakBench.Seed;
using LeakBench.Tests.Seed;

namespace LeakBench.Tests.Reports;

/// <summary>report.md against its expected file, and findings that follow the numbers.</summary>
public sealed class StudyReportWriterTests
{
    [Fact]
    public void Report_equals_the_expected_file_under_a_german_culture()
    {
        using var culture = CultureScope.German();

        var report = StudyReportWriter.Write(ReportSamples.Environment, ReportSamples.Rows, ReportSamples.Charts);

        Assert.Equal(ReportSamples.Expected("expected-report.md"), report);
    }

    [Fact]
    public void Report_is_the_same_under_the_invariant_culture()
    {
        using var culture = new CultureScope("");

        var report = StudyReportWriter.Write(ReportSamples.Environment, ReportSamples.Rows, ReportSamples.Charts);

        Assert.Equal(ReportSamples.Expected("expected-report.md"), report);
    }

    [Fact]
    public void A_leak_that_survives_GC_changes_the_verdict_the_cell_and_the_finding()
    {
        var survived = ReportSamples.Leaking with { Census = ReportSamples.Leaking.Census with { AfterGc = 900 } };

        var report = StudyReportWriter.Write(ReportSamples.Environment, [ReportSamples.Baseline, ReportSamples.Reused, survived, ReportSamples.Closing], ReportSamples.Charts);

        Assert.Equal(Verdict.LeaksPastGc, survived.Verdict);
        Assert.Contains("**leaks past GC**<br>1000 conn/1k · open 998 → 900 after GC", report, StringComparison.Ordinal);
        Assert.Contains(
            "- Undisposed, unread ResponseHeadersRead responses of 1 KiB opened 1000 connections per 1,000 requests and left 998 ESTABLISHED, and 900 were still ESTABLISHED after a full GC.",
            report, StringComparison.Ordinal);
        Assert.DoesNotContain("leaks until GC", report, StringComparison.Ordinal);
    }

    [Fact]
    public void The_leak_finding_carries_the_rows_numbers()
    {
        // 5,000 requests: up to 10 sockets (0.2%) may stay after GC without calling the leak GC-proof.
        var leak = ReportSamples.Leaking with
        {
            Census = ReportSamples.Census(opened: 5000, peak: 4998, leaked: 4998, afterGc: 3, timeWait: 0, threads: 15, trajectory: [1000, 2000, 3000, 4000, 4998], requests: 5000),
        };

        Assert.Equal(
            "Undisposed, unread ResponseHeadersRead responses of 1 KiB opened 1000 connections per 1,000 requests; up to 4998 were open at once and 4998 still ESTABLISHED after the settle, until a full GC closed all but 3.",
            StudyFindings.Of(leak));
    }

    [Fact]
    public void A_case_that_reads_the_body_no_longer_leaks_in_the_finding()
    {
        var read = ReportSamples.Leaking with
        {
            Case = ReportSamples.Leaking.Case with { Drain = LeakBench.Cases.Drain.Full },
            Census = ReportSamples.Census(opened: 1, peak: 1, leaked: 1, afterGc: 1, timeWait: 0, threads: 14, trajectory: [1, 1, 1, 1, 1]),
        };

        Assert.Equal(
            "Undisposed, fully read ResponseHeadersRead responses of 1 KiB reused connections: 1 connection opened for 1000 requests (1 per 1,000), 1 left ESTABLISHED.",
            StudyFindings.Of(read));
    }

    [Fact]
    public void Early_stops_failures_and_close_wait_are_said()
    {
        var census = ReportSamples.Leaking.Census with { Succeeded = 900, StoppedAt = 900, ConnectionsOpened = 900, CloseWait = 2 };
        var failed = ReportSamples.Leaking.Census with { Succeeded = 990, ConnectionsOpened = 990 };

        var stopped = StudyFindings.Of(ReportSamples.Leaking with { Census = census });
        var partial = StudyFindings.Of(ReportSamples.Leaking with { Census = failed });

        Assert.EndsWith(" 2 sockets were in CLOSE_WAIT. The census stopped at 900 of 1000 requests to stay within the socket cap.", stopped, StringComparison.Ordinal);
        Assert.EndsWith(" Only 990 of 1000 requests succeeded.", partial, StringComparison.Ordinal);
    }

    [Fact]
    public void Disagreements_are_listed_loudly_and_agreement_is_said_when_there_is_none()
    {
        var agreeing = ReportSamples.Closing with { Census = ReportSamples.Closing.Census with { Disagreements = [] } };

        var loud = StudyReportWriter.Write(ReportSamples.Environment, ReportSamples.Rows, []);
        var quiet = StudyReportWriter.Write(ReportSamples.Environment, [ReportSamples.Baseline, agreeing], []);

        Assert.Contains("> [!WARNING]", loud, StringComparison.Ordinal);
        Assert.Contains("telemetry saw 2 open connections", loud, StringComparison.Ordinal);
        Assert.DoesNotContain("[!WARNING]", quiet, StringComparison.Ordinal);
        Assert.Contains("Telemetry and the OS socket table agreed in every case.", quiet, StringComparison.Ordinal);
    }

    [Fact]
    public void The_seed_section_is_embedded_when_given()
    {
        var seed = SeedSamples.Article();

        var with = StudyReportWriter.Write(ReportSamples.Environment, ReportSamples.Rows, [], seed);
        var without = StudyReportWriter.Write(ReportSamples.Environment, ReportSamples.Rows, []);

        // seed.md one heading level down, under the section's heading.
        var page = SeedMarkdown.Write(seed);
        var nested = string.Join('\n', page.Split('\n').Select(line => line.StartsWith('#') ? "#" + line : line));
        Assert.Contains("## Go and .NET side by side\n\n" + nested.TrimEnd('\n') + "\n", with, StringComparison.Ordinal);
        Assert.Contains("\n## " + SeedMarkdown.Title + "\n", with, StringComparison.Ordinal);
        Assert.Contains("\n### What this shows\n", with, StringComparison.Ordinal);
        Assert.Contains(SeedTable.ToMarkdown(seed), with, StringComparison.Ordinal);
        Assert.DoesNotContain("## Go and .NET side by side", without, StringComparison.Ordinal);
    }

    [Fact]
    public void No_rows_is_an_error()
    {
        var error = Assert.Throws<ArgumentException>(() => StudyReportWriter.Write(ReportSamples.Environment, [], []));
        Assert.Contains("no rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_without_a_successful_request_is_an_error()
    {
        var empty = ReportSamples.Leaking with { Census = ReportSamples.Leaking.Census with { Succeeded = 0 } };

        var error = Assert.Throws<ArgumentException>(() => StudyReportWriter.Write(ReportSamples.Environment, [ReportSamples.Baseline, empty], []));
        Assert.Contains("no successful request", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_rows_for_the_same_case_and_runtime_are_an_error()
    {
        var error = Assert.Throws<ArgumentException>(() => StudyReportWriter.Write(ReportSamples.Environment, [ReportSamples.Leaking, ReportSamples.Leaking with { P95Ns = 1 }], []));
        Assert.Contains("two rows", error.Message, StringComparison.Ordinal);
    }
    [Fact]
    public void All_cases_keeps_each_source_in_its_own_table_and_gives_several_callers_a_throughput()
    {
        var callers = ReportSamples.Leaking with { Census = ReportSamples.Leaking.Census with { Callers = 16 }, MeanNs = 62_500, MedianNs = 50_000 };

        var report = StudyReportWriter.Write(ReportSamples.Environment, [ReportSamples.Baseline, callers], []);

        var census = report[report.IndexOf("### Sockets and per-request latency (census)", StringComparison.Ordinal)..report.IndexOf("### BenchmarkDotNet's iteration statistics", StringComparison.Ordinal)];
        var bdn = report[report.IndexOf("### BenchmarkDotNet's iteration statistics", StringComparison.Ordinal)..];
        Assert.Contains("| Census P50 | Census P95 | Census P99 |", census, StringComparison.Ordinal);
        Assert.DoesNotContain("Mean", census, StringComparison.Ordinal);
        Assert.Contains("| 131 µs | 210 µs | 480 µs |", census, StringComparison.Ordinal);
        // BenchmarkDotNet's time per request of 16 callers at once is the run's throughput: 1 / 62.5 µs, 1 / 50 µs.
        Assert.Contains("| 16000 req/s (16 callers) | ⚠ 36% | 20000 req/s (16 callers) | 9.65 KiB |", bdn, StringComparison.Ordinal);
        Assert.DoesNotContain("P95", bdn[..bdn.IndexOf("\n- ", StringComparison.Ordinal)], StringComparison.Ordinal);
    }
}
