using LeakBench.Reports;

namespace LeakBench.Seed;

/// <summary>
/// The seed table in the article's shape, as a markdown table padded so that it also reads on a console:
/// test, Close/Dispose?, read?, body, then Go (goroutines, connections) and .NET (connections before and
/// after a forced GC, threads) for the streaming and the default call.
/// </summary>
public static class SeedTable
{
    public static readonly IReadOnlyList<string> Header =
    [
        "test", "Close/Dispose?", "read to EOF?", "body",
        "Go goroutines", "Go conns",
        ".NET ResponseHeadersRead conns", "after GC", "threads",
        ".NET GetAsync conns", "after GC", "threads",
    ];

    public const string Legend =
        "conns: the test process's client connections to the target still ESTABLISHED after the article's 1 s settle, " +
        "from the OS socket table (sockets owned by that process only). after GC: the same after GC.Collect, " +
        "WaitForPendingFinalizers, GC.Collect. threads: the .NET process's OS threads after the settle. " +
        "ResponseHeadersRead streams the body as Go does; GetAsync (default) buffers it before returning. " +
        "Every test runs in its own fresh process.";

    public static IReadOnlyList<IReadOnlyList<string>> Cells(SeedResult result) =>
        [.. result.Rows.Select(r => (IReadOnlyList<string>)
        [
            r.Test.Name,
            r.Test.Closes ? "yes" : "no",
            r.Test.ReadsToEnd ? "yes" : "no",
            ReportFormat.Size(r.BodyBytes),
            r.Go is null ? GoToolchain.NotInstalled : ReportFormat.Count(r.Go.Goroutines),
            r.Go is null ? GoToolchain.NotInstalled : ReportFormat.Count(r.Go.Connections),
            .. Counts(r.HeadersRead),
            .. Counts(r.Default),
        ])];

    /// <summary>A .NET run's three columns, here and in seed.csv: connections after the settle, after GC, threads.</summary>
    public static IEnumerable<string> Counts(DotnetMeasurement run) =>
        [ReportFormat.Count(run.ConnectionsBeforeGc), ReportFormat.Count(run.ConnectionsAfterGc), ReportFormat.Count(run.Threads)];

    /// <summary>The table, padded: the first four columns name the case, the rest are counts, right-aligned.</summary>
    public static string ToMarkdown(SeedResult result) =>
        MarkdownTable.Write([.. Header.Select((h, i) => new MarkdownColumn(h, AlignRight: i >= 4))], Cells(result), padded: true);
}
