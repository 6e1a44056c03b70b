using System.Globalization;
using System.Text;

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
            ByteSize.Format(r.BodyBytes),
            r.Go is null ? GoToolchain.NotInstalled : Number(r.Go.Goroutines),
            r.Go is null ? GoToolchain.NotInstalled : Number(r.Go.Connections),
            Number(r.HeadersRead.ConnectionsBeforeGc),
            Number(r.HeadersRead.ConnectionsAfterGc),
            Number(r.HeadersRead.Threads),
            Number(r.Default.ConnectionsBeforeGc),
            Number(r.Default.ConnectionsAfterGc),
            Number(r.Default.Threads),
        ])];

    public static string ToMarkdown(SeedResult result)
    {
        var rows = Cells(result);
        var widths = Header.Select((h, i) => Math.Max(h.Length, rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        var text = new StringBuilder();
        AppendLine(text, Header, widths, numericRight: false);
        text.Append('|');
        for (var i = 0; i < widths.Length; i++)
        {
            // The first four columns name the case; the rest are counts, right-aligned.
            text.Append(i < 4 ? $" {new string('-', widths[i])} |" : $" {new string('-', widths[i] - 1)}: |");
        }

        text.Append('\n');
        foreach (var row in rows)
        {
            AppendLine(text, row, widths, numericRight: true);
        }

        return text.ToString();
    }

    private static void AppendLine(StringBuilder text, IReadOnlyList<string> cells, int[] widths, bool numericRight)
    {
        text.Append('|');
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = numericRight && i >= 4 ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]);
            text.Append(' ').Append(cell).Append(" |");
        }

        text.Append('\n');
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
