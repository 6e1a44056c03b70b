using LeakBench.Cases;
using LeakBench.Reports;

namespace LeakBench.Tests.Reports;

/// <summary>The TLS and lifetime additions to verdicts, findings and the CSV (issue 11), from hand-built rows.</summary>
public sealed class TlsLifetimeFindingsTests
{
    private static readonly StudyRow PlainLeak = ReportSamples.Baseline with
    {
        Benchmark = "FramingBenchmarks",
        Case = new StudyCase { Disposed = false, Drain = Drain.None },
        IsBaseline = false,
        P95Ns = 100_000,
        AllocatedBytesPerRequest = 5_000,
        Census = ReportSamples.Baseline.Census with { ConnectionsOpened = 1000, Leaked = 900, PeakOpen = 950, AfterGc = 0, Latency = ReportSamples.Paired(2.10, 2.02, 2.19) },
    };

    private static readonly StudyRow TlsLeak = PlainLeak with
    {
        Benchmark = "TlsBenchmarks",
        Case = PlainLeak.Case with { Tls = true },
        P95Ns = 300_000,
        AllocatedBytesPerRequest = 40_000,
        Census = PlainLeak.Census with { TlsHandshakes = 1000, ServerTlsHandshakes = 1000, Latency = ReportSamples.Paired(19.07, 17, 21) },
    };

    [Fact]
    public void A_TLS_finding_states_the_handshakes_from_both_sources()
    {
        var finding = StudyFindings.Of(TlsLeak);

        Assert.Contains("1000 per 1,000 requests", finding, StringComparison.Ordinal);
        Assert.Contains("over HTTPS/1.1", finding, StringComparison.Ordinal);
        Assert.Contains("resumption allowed", finding, StringComparison.Ordinal);
    }

    [Fact]
    public void The_TLS_leak_is_compared_with_the_same_case_in_plaintext()
    {
        var sentence = StudyFindings.TlsAgainstPlaintext(TlsLeak, [ReportSamples.Baseline, PlainLeak, TlsLeak]);

        // The two were never timed against each other: each one's paired figures against its own baseline, no P95s
        // divided across runs; allocations and counts as plain figures, named by their source.
        Assert.Equal(
            "Undisposed, unread ResponseHeadersRead responses of 1 KiB over HTTPS/1.1: paired against its own baseline, slower ×19.07 [17.00–21.00]; " +
            "in plaintext, slower ×2.10 [2.02–2.19]; BenchmarkDotNet measured 39.1 KiB allocated per request against 4.88 KiB; " +
            "the census counted 1000 connections and 1000 handshakes per 1,000 requests against 1000 connections and none.",
            sentence);
        var stalled = TlsLeak with { NotTimed = "not timed, on purpose", Census = TlsLeak.Census with { StalledAt = 101, GcFreesIt = true, Latency = null } };
        Assert.Contains("paired against its own baseline, not timed (stalls at request 101 until the timeout; a GC frees it);",
            StudyFindings.TlsAgainstPlaintext(stalled, [PlainLeak, stalled]), StringComparison.Ordinal);
        Assert.Null(StudyFindings.TlsAgainstPlaintext(PlainLeak, [PlainLeak, TlsLeak]));
        Assert.Null(StudyFindings.TlsAgainstPlaintext(TlsLeak, [TlsLeak]));
    }

    [Fact]
    public void A_client_per_request_finding_states_its_TIME_WAIT()
    {
        var row = ReportSamples.Baseline with
        {
            Benchmark = "LifetimeBenchmarks",
            Case = ReportSamples.Baseline.Case with { Lifetime = ClientLifetime.PerRequestDisposed },
            Census = ReportSamples.Baseline.Census with { ConnectionsOpened = 1000, Leaked = 0, AfterGc = 0, TimeWait = 998 },
        };

        Assert.Contains("998 in TIME_WAIT per 1,000 requests", StudyFindings.Of(row), StringComparison.Ordinal);
        Assert.Contains("new client per request, disposed", row.Case.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void The_csv_names_lifetime_tls_and_handshakes_per_1k()
    {
        var csv = CsvTable.Parse(StudyCsvWriter.Write([TlsLeak]))!;
        var values = Assert.Single(csv.Records);
        string Cell(string name) => csv.Field(values, name);

        Assert.Equal("true", Cell("tls"));
        Assert.Equal("shared client", Cell("lifetime"));
        Assert.Equal("1000", Cell("handshakes_per_1k"));
        Assert.Equal("1000", Cell("server_tls_handshakes"));
    }
}
