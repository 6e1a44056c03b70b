namespace LeakBench.Reports;

/// <summary>
/// Names rows for legends and tables: the case label alone when it is unique in the set, with the
/// benchmark and method when several benchmarks share dimensions, and with the runtime when there are several.
/// </summary>
public static class CaseNames
{
    public static string Of(StudyRow row, IReadOnlyList<StudyRow> all, bool withRuntime = true)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(all);
        var name = row.Case.Label;
        if (all.Select(r => (r.Benchmark, r.Method)).Distinct().Count() > 1)
        {
            name = $"{row.Benchmark}.{row.Method}: {name}";
        }

        if (withRuntime && all.Select(r => r.Runtime.Moniker).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            name = $"{name} ({row.Runtime.Moniker})";
        }

        return name;
    }
}
