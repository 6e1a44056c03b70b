using System.Globalization;
using LeakBench.Reports;

namespace LeakBench.Seed;

/// <summary>
/// "What this shows": sentences computed from the measured rows, never written in advance. Each sentence
/// compares numbers of the table (test 1 against test 3, before against after GC, Go against .NET, the
/// small body against the large one, threads against goroutines); a different number gives a different text.
/// </summary>
public static class SeedFindings
{
    public static IReadOnlyList<string> Describe(SeedResult result)
    {
        var sizes = result.BodySizes;
        if (sizes.Count == 0)
        {
            return [];
        }

        var small = sizes[0];
        var large = sizes[^1];
        var sentences = new List<string>();
        if (result.GoRan)
        {
            sentences.Add(GoTest1AgainstTest3(result, small));
            sentences.Add(GoroutinesPerConnection(result));
        }
        else
        {
            sentences.Add($"The Go columns are empty: {GoToolchain.NotInstalled} (install golang-go to run the article's program next to .NET).");
        }

        sentences.Add(DotnetTest1BeforeAndAfterGc(result, small));
        sentences.Add(DotnetDefault(result));
        if (result.GoRan)
        {
            sentences.AddRange(sizes.Select(size => GoAgainstDotnet(result, size)));
        }

        if (large != small)
        {
            sentences.Add(SizeChanges(result, small, large));
        }

        sentences.Add(GcsBeforeTheCount(result));
        sentences.Add(ThreadsAgainstConnections(result));
        if (result.GoOneProcess is { } one)
        {
            sentences.Add(OneProcess(result, one));
        }

        return sentences;
    }

    public static string Paragraph(SeedResult result) => string.Join(' ', Describe(result));

    private static string GoTest1AgainstTest3(SeedResult result, int size)
    {
        var g1 = result.Row(1, size).Go!;
        var g3 = result.Row(3, size).Go!;
        var text = $"Go ({result.GoVersion}, {ReportFormat.Size(size)} body): testFun1 (no Close, no read) left {g1.Goroutines} goroutines and {Conns(g1.Connections)} open; " +
                   $"testFun3 (read to EOF, no Close) left {g3.Goroutines} goroutines and {Conns(g3.Connections)}.";
        if (g1.Connections == ArticleTest.Requests)
        {
            text += $" Not reading kept every connection busy, so each of the {ArticleTest.Requests} requests dialed its own";
            text += g3.Connections < g1.Connections ? $"; reading to EOF let them share {Conns(g3.Connections)}." : ".";
        }
        else if (g3.Connections < g1.Connections)
        {
            text += $" Reading to EOF left {g1.Connections - g3.Connections} fewer.";
        }

        return text;
    }

    private static string GoroutinesPerConnection(SeedResult result)
    {
        var runs = result.Rows.Where(r => r.Go is not null).Select(r => (r, go: r.Go!)).ToList();
        var off = runs.Where(x => x.go.Goroutines != (2 * x.go.Connections) + 1).ToList();
        if (off.Count == 0)
        {
            return $"In all {runs.Count} Go runs, goroutines = 2 × open connections + 1: a readLoop and a writeLoop per connection, plus main.";
        }

        return "Goroutines are not 2 × open connections + 1 in: " +
               string.Join(", ", off.Select(x => $"{x.r.Test.Name} {ReportFormat.Size(x.r.BodyBytes)} ({x.go.Goroutines} goroutines, {Conns(x.go.Connections)})")) + ".";
    }

    private static string DotnetTest1BeforeAndAfterGc(SeedResult result, int size)
    {
        var t1 = result.Row(1, size).HeadersRead;
        var text = $".NET with ResponseHeadersRead ({ReportFormat.Size(size)}): testFun1's pattern (not disposed, not read) left {Conns(t1.ConnectionsBeforeGc)} open after the settle and {t1.ConnectionsAfterGc} after a forced full GC";
        text += t1.ConnectionsAfterGc < t1.ConnectionsBeforeGc
            ? $"; finalizers closed {t1.ConnectionsBeforeGc - t1.ConnectionsAfterGc}, so this leak lasts until a GC runs."
            : t1.ConnectionsAfterGc == t1.ConnectionsBeforeGc ? "; the GC closed none of them." : ".";
        var others = ArticleTest.All.Where(t => t.Number != 1).Select(t => result.Row(t.Number, size).HeadersRead.ConnectionsBeforeGc).ToList();
        text += others.Distinct().Count() == 1
            ? $" The other three tests each left {Conns(others[0])}."
            : $" testFun2, testFun3 and testFun4 left {others[0]}, {others[1]} and {others[2]}.";
        return text;
    }

    private static string DotnetDefault(SeedResult result)
    {
        var counts = result.Rows.Select(r => r.Default.ConnectionsBeforeGc).Distinct().ToList();
        if (counts.Count == 1)
        {
            return $".NET with the default GetAsync (body buffered before it returns): every test left {Conns(counts[0])} at {SizesText(result)}, " +
                   "so disposing or reading the response changed nothing that stays open.";
        }

        return ".NET with the default GetAsync: the tests left " +
               string.Join(", ", result.Rows.Select(r => $"{r.Test.Name} {ReportFormat.Size(r.BodyBytes)} {r.Default.ConnectionsBeforeGc}")) + " connections.";
    }

    private static string GoAgainstDotnet(SeedResult result, int size)
    {
        var rows = ArticleTest.All.Select(t => result.Row(t.Number, size)).ToList();
        var same = rows.Where(r => r.Go!.Connections == r.HeadersRead.ConnectionsBeforeGc).Select(r => r.Test.Name).ToList();
        var differ = rows.Where(r => r.Go!.Connections != r.HeadersRead.ConnectionsBeforeGc)
            .Select(r => $"{r.Test.Name} (Go {r.Go!.Connections}, .NET {r.HeadersRead.ConnectionsBeforeGc})").ToList();
        var head = $"At {ReportFormat.Size(size)}, Go and .NET with ResponseHeadersRead left the same number of connections ";
        return (same.Count, differ.Count) switch
        {
            (_, 0) => head + "in all four tests.",
            (0, _) => $"At {ReportFormat.Size(size)}, Go and .NET with ResponseHeadersRead differ in every test: {string.Join(", ", differ)}.",
            _ => head + $"in {Join(same)} and differ in {Join(differ)}.",
        };
    }

    private static string SizeChanges(SeedResult result, int small, int large)
    {
        var changes = new List<string>();
        var drainClosed = false;
        foreach (var test in ArticleTest.All)
        {
            var a = result.Row(test.Number, small);
            var b = result.Row(test.Number, large);
            if (a.Go is not null && b.Go is not null && a.Go.Connections != b.Go.Connections)
            {
                changes.Add($"Go {test.Name} {a.Go.Connections} → {b.Go.Connections}");
            }

            foreach (var completion in SeedCompletion.Both)
            {
                var (x, y) = (a.Dotnet(completion).ConnectionsBeforeGc, b.Dotnet(completion).ConnectionsBeforeGc);
                if (x != y)
                {
                    changes.Add($".NET {completion.ToCall()} {test.Name} {x} → {y}");
                    drainClosed |= completion == HttpCompletionOption.ResponseHeadersRead && test.Closes && !test.ReadsToEnd && y < x;
                }
            }
        }

        var from = $"From {ReportFormat.Size(small)} to {ReportFormat.Size(large)} bodies";
        if (changes.Count == 0)
        {
            return $"{from}, no connection count changed.";
        }

        var text = $"{from}, these connection counts changed: {Join(changes)}.";
        if (drainClosed)
        {
            text += $" Disposing an unread {ReportFormat.Size(large)} response closed its connection instead of draining it for reuse ({ReportFormat.Size(large)} is above the handler's 1 MiB drain limit).";
        }

        return text;
    }

    private static string GcsBeforeTheCount(SeedResult result)
    {
        var runs = DotnetRuns(result).ToList();
        var early = runs.Where(x => x.m.GcsBeforeCount > 0).ToList();
        if (early.Count == 0)
        {
            return $"No .NET run had a garbage collection before its first count, so every \"before GC\" figure is the state the test left.";
        }

        var text = $"A garbage collection ran on its own before the first count in {early.Count} of the {runs.Count} .NET runs " +
                   $"({string.Join(", ", early.Select(x => $"{x.name}: {x.m.GcsBeforeCount}"))})";
        // Only an undisposed, unread streaming response is something a GC can close early.
        var leaky = early.Where(x => x.m.Completion == HttpCompletionOption.ResponseHeadersRead && !ArticleTest.FromNumber(x.m.Test)!.Closes && !ArticleTest.FromNumber(x.m.Test)!.ReadsToEnd).ToList();
        return leaky.Count == 0
            ? text + "; none of them left a response undisposed and unread, so no leak was finalized before it was counted."
            : text + $"; in {string.Join(" and ", leaky.Select(x => x.name))} that GC may have finalized leaked connections before the count, so its \"before GC\" figure may be low.";
    }

    private static IEnumerable<(DotnetMeasurement m, string name)> DotnetRuns(SeedResult result) =>
        result.Rows.SelectMany(r => new[] { r.HeadersRead, r.Default }.Select(m => (m, name: $"{r.Test.Name} {m.Completion.ToCall()} {ReportFormat.Size(r.BodyBytes)}")));

    private static string ThreadsAgainstConnections(SeedResult result)
    {
        var runs = DotnetRuns(result).ToList();
        var most = runs.MaxBy(x => x.m.ConnectionsBeforeGc);
        var fewest = runs.MinBy(x => x.m.ConnectionsBeforeGc);
        var text = $".NET threads ranged from {runs.Min(x => x.m.Threads)} to {runs.Max(x => x.m.Threads)} across the {runs.Count} .NET runs: " +
                   $"the run that left the most connections ({most.name}, {most.m.ConnectionsBeforeGc}) had {most.m.Threads} threads, " +
                   $"the one that left the fewest ({fewest.name}, {fewest.m.ConnectionsBeforeGc}) had {fewest.m.Threads}.";
        var goroutines = result.Rows.Where(r => r.Go is not null).Select(r => r.Go!.Goroutines).ToList();
        if (goroutines.Count > 0)
        {
            text += $" Go goroutines ranged from {goroutines.Min()} to {goroutines.Max()}.";
        }

        return text;
    }

    private static string OneProcess(SeedResult result, GoOneProcessMeasurement one)
    {
        var separate = ArticleTest.All.Select(t => result.Rows.FirstOrDefault(r => r.Test.Number == t.Number && r.BodyBytes == one.BodyBytes)?.Go?.Goroutines).ToList();
        var text = $"Run in one process as the article's main does ({ReportFormat.Size(one.BodyBytes)}), the four tests printed {string.Join(" / ", one.Goroutines)} goroutines";
        if (separate.All(g => g is not null))
        {
            text += $", against {string.Join(" / ", separate)} each in its own process";
            text += one.Goroutines.SequenceEqual(separate.Select(g => g!.Value))
                ? ": the same."
                : ": the leaks of the earlier tests carry into the later ones, which is why every test here runs in its own process.";
        }
        else
        {
            text += ".";
        }

        return text;
    }

    private static string SizesText(SeedResult result) =>
        result.BodySizes.Count == 1 ? ReportFormat.Size(result.BodySizes[0]) : Join([.. result.BodySizes.Select(b => ReportFormat.Size(b))]);

    private static string Conns(int n) => n.ToString(CultureInfo.InvariantCulture) + (n == 1 ? " connection" : " connections");

    private static string Join(List<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };
}
