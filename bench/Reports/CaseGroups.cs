using LeakBench.Benchmarks;
using LeakBench.Cases;

namespace LeakBench.Reports;

/// <summary>
/// The one definition of a case's group and its baseline, used by the pairing (through the catalog's baseline
/// case, <see cref="CaseCatalog.BaselineOf"/>), the A/A check, the report, the charts and <c>verify</c>.
/// <para>
/// A group is the rows of one benchmark class on one runtime whose baseline case is the same: the class's
/// baseline method with the case's own parameter values, as the catalog names it and as the benchmark process
/// paired it. Nothing here guesses the baseline from the case's dimensions: a class's baseline may differ from
/// its cases in any dimension a method sets (the large-gen0 GC, TLS without resumption, a 2 MiB body against the
/// connection-limit class's 1 KiB baseline), and a guess that only flips dispose and drain lost exactly those rows.
/// </para>
/// </summary>
public static class CaseGroups
{
    /// <summary>
    /// The case the row's group is measured against: a baseline row's own case (a baseline is its own group's
    /// baseline, as the catalog says of it), any other row's <see cref="StudyRow.BaselineCase"/>. Null when unknown.
    /// </summary>
    public static StudyCase? BaselineCaseOf(StudyRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.IsBaseline ? row.Case : row.BaselineCase;
    }

    /// <summary>Rows of one group share this key; null for a row whose baseline case is unknown (it is in no group).</summary>
    public static GroupKey? KeyOf(StudyRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return BaselineCaseOf(row) is { } baseline ? new GroupKey(row.Runtime.Moniker, row.Benchmark, baseline) : null;
    }

    /// <summary>The baseline row of the row's group (the row itself for a baseline); null when the run has no such row.</summary>
    public static StudyRow? BaselineOf(StudyRow row, IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(rows);
        if (row.IsBaseline)
        {
            return row;
        }

        return KeyOf(row) is not { } key
            ? null
            : rows.FirstOrDefault(r => r.IsBaseline && key.Equals(KeyOf(r)));
    }

    /// <summary>A group: the runtime, the benchmark class and the baseline case its rows are paired with.</summary>
    public sealed record GroupKey(string Runtime, string Benchmark, StudyCase BaselineCase);
}
