using LeakBench.Cases;

namespace LeakBench.Reports.Charts;

/// <summary>
/// How the charts group rows, derived from the rows' own data (never from a list of benchmark classes):
/// a case's group is every row of its runtime and benchmark class that differs from it only in what the code does
/// (dispose, drain, method), and the group's baseline is the group's <see cref="StudyRow.IsBaseline"/> row, as in
/// BenchmarkDotNet, where the baseline method is compared with the other methods of the same parameters.
/// A panel is a group without body size and completion: the matrix's columns.
/// </summary>
public static class ChartGroups
{
    /// <summary>Rows of the same group share this key (<see cref="CaseGroups.KeyOf"/>); a row in no group is its own.</summary>
    public static object GroupKey(StudyRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return (object?)CaseGroups.KeyOf(row) ?? row;
    }

    /// <summary>Rows of the same matrix panel share this key: the group key without body size and completion.</summary>
    public static object PanelKey(StudyRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return (row.Runtime.Moniker, row.Benchmark,
            row.Case with { Disposed = true, Drain = Drain.Full, BodyBytes = 0, Completion = HttpCompletionOption.ResponseContentRead });
    }

    /// <summary>The baseline of the row's group (<see cref="CaseGroups.BaselineOf"/>); null when the group has none (or the row is it).</summary>
    public static StudyRow? BaselineOf(StudyRow row, IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.IsBaseline ? null : CaseGroups.BaselineOf(row, rows);
    }

    /// <summary>
    /// A case as its group's heading leaves it to be named: what the code does, then whatever of its label differs
    /// from its baseline's ("undisposed, unread · large gen0", "disposed, unread · 2 MiB").
    /// </summary>
    public static string LabelInGroup(StudyRow row, StudyRow? baseline, IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(row);
        var text = WhatTheCodeDoes(row, rows);
        if (baseline is null || baseline == row)
        {
            return text;
        }

        // The label's parts after dispose and drain: completion, body, framing, protocol and what a class adds.
        var own = row.Case.Label.Split(" · ").Skip(2).ToList();
        var theirs = baseline.Case.Label.Split(" · ").Skip(2).ToHashSet(StringComparer.Ordinal);
        var differing = own.Where(part => !theirs.Contains(part)).ToList();
        return differing.Count == 0 ? text : $"{text} · {string.Join(" · ", differing)}";
    }

    /// <summary>What the code does with the response, e.g. "undisposed, unread"; with the method when it alone tells two rows of a panel apart.</summary>
    public static string WhatTheCodeDoes(StudyRow row, IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(rows);
        var text = $"{(row.Case.Disposed ? "disposed" : "undisposed")}, {Read(row.Case.Drain)}";
        var panel = PanelKey(row);
        var sameText = rows.Where(r => r.Case.Disposed == row.Case.Disposed && r.Case.Drain == row.Case.Drain && PanelKey(r).Equals(panel));
        return sameText.Select(r => r.Method).Distinct(StringComparer.Ordinal).Skip(1).Any() ? $"{text} · {row.Method}" : text;
    }

    /// <summary>The body as a column says it: "1 KiB", "2 MiB", "204 empty".</summary>
    public static string Body(StudyRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Case.Framing == Framing.Empty ? "204 empty" : ReportFormat.Size(row.Case.BodyBytes);
    }

    /// <summary>The completion option as the case labels say it.</summary>
    public static string Completion(HttpCompletionOption completion) =>
        completion == HttpCompletionOption.ResponseHeadersRead ? "HeadersRead" : "ContentRead";

    /// <summary>
    /// A panel's title: the benchmark class without its "Benchmarks" suffix, the case label's parts beyond the
    /// matrix's own four (framing, protocol and whatever dimension a class adds to the label), and the runtime when
    /// the rows have several.
    /// </summary>
    public static string PanelTitle(StudyRow row, IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(rows);
        var parts = new List<string> { ShortBenchmark(row.Benchmark) };
        parts.AddRange(FurtherDimensions(row));
        if (SeveralRuntimes(rows))
        {
            parts.Add(row.Runtime.Name);
        }

        return string.Join(" · ", parts);
    }

    /// <summary>The case label's parts beyond the matrix's own four (dispose, drain, completion, body): framing, protocol, and what a class adds.</summary>
    public static IEnumerable<string> FurtherDimensions(StudyRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Case.Label.Split(" · ").Skip(4);
    }

    public static bool SeveralRuntimes(IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Select(r => r.Runtime.Moniker).Distinct(StringComparer.Ordinal).Skip(1).Any();
    }

    /// <summary>"DisposeDrainBenchmarks" → "DisposeDrain".</summary>
    public static string ShortBenchmark(string benchmark)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        return benchmark.EndsWith("Benchmarks", StringComparison.Ordinal) && benchmark.Length > "Benchmarks".Length
            ? benchmark[..^"Benchmarks".Length]
            : benchmark;
    }

    /// <summary>Runtimes in version order (.NET 8, 9, 10); see <see cref="RuntimeComparison.RuntimesOf"/>.</summary>
    public static IReadOnlyList<StudyRuntime> Runtimes(IReadOnlyList<StudyRow> rows) => RuntimeComparison.RuntimesOf(rows);

    private static string Read(Drain drain) => drain switch
    {
        Drain.None => "unread",
        Drain.Partial4KiB => "first 4 KiB",
        Drain.Full => "read to end",
        _ => drain.ToString(),
    };
}
