namespace LeakBench.Compare;

/// <summary>
/// What identifies a case across two runs: benchmark, method, runtime (its moniker, so a patch release of the same
/// runtime is the same case) and the case's dimensions as report.csv writes them. Equal keys measured the same thing.
/// </summary>
public sealed record CaseKey(string Benchmark, string Method, string RuntimeMoniker, IReadOnlyList<(string Column, string Value)> Dimensions)
{
    /// <summary>
    /// The report.csv columns that are dimensions of a case, each with the value a run written before the column
    /// existed had for all its cases (the dimension's default: <see cref="Cases.StudyCase"/>), so an older run's case
    /// matches the same case of a newer one. Null: the column is as old as the file.
    /// </summary>
    public static IReadOnlyList<(string Column, string? Missing)> DimensionColumns { get; } =
    [
        ("disposed", null), ("drain", null), ("completion", null), ("body_bytes", null), ("framing", null), ("protocol", null),
        ("gc_config", "workstation"), ("max_connections", ""), ("callers", "1"), ("fd_limit", ""),
        ("tls", "false"), ("tls_resume", "true"), ("lifetime", Cases.StudyCase.LifetimeLabel(Cases.ClientLifetime.Shared)),
        // Written for HTTP/2 cases only (empty for HTTP/1.1), and absent before it was added: only "true" is not the default.
        ("multiple_http2_connections", "false"),
    ];

    /// <summary>The dimensions that are not the defaults of the oldest run format, e.g. "gc_config=server".</summary>
    public string Parameters => string.Join(", ", Dimensions
        .Where(d => DimensionColumns.First(c => c.Column == d.Column).Missing is not { } missing || d.Value != missing)
        .Select(d => $"{d.Column}={d.Value}"));

    /// <summary>How the case reads in the comparison: "DisposeDrainBenchmarks.Disposed_Unread (disposed=true, …) net10.0".</summary>
    public string Name => $"{Benchmark}.{Method} ({Parameters}) {RuntimeMoniker}";

    public bool Equals(CaseKey? other) =>
        other is not null && Benchmark == other.Benchmark && Method == other.Method && RuntimeMoniker == other.RuntimeMoniker
        && Dimensions.SequenceEqual(other.Dimensions);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Benchmark);
        hash.Add(Method);
        hash.Add(RuntimeMoniker);
        foreach (var d in Dimensions)
        {
            hash.Add(d);
        }

        return hash.ToHashCode();
    }
}
