namespace LeakBench.Shapes;

/// <summary>
/// Which analyzer rules fired on each leak shape, from one compile of the shapes project; or why there was no compile
/// (<see cref="NotRun"/>), which the study reports and goes on.
/// </summary>
public sealed record ShapeCoverage
{
    /// <summary>The rules the study is about, one column each: CA2000 (NetAnalyzers, off by default) and IDisposableAnalyzers' dispose-created, don't-ignore-created and single-HttpClient rules.</summary>
    public static readonly IReadOnlyList<string> StudiedRules = ["CA2000", "IDISP001", "IDISP004", "IDISP014"];

    /// <summary>The file the compile's SARIF log is kept in, in the run folder (the raw data of the table).</summary>
    public const string SarifFile = "shapes.sarif";

    /// <summary>The shapes, ordered by id; empty when the project could not be read.</summary>
    public required IReadOnlyList<LeakShape> Shapes { get; init; }

    /// <summary>Per shape id, the analyzer rules that fired in its file (distinct, ordered); empty when <see cref="NotRun"/> is set.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Rules { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The analyzer packages the compile restored, e.g. "IDisposableAnalyzers 4.0.8".</summary>
    public IReadOnlyList<string> Analyzers { get; init; } = [];

    /// <summary>Why the shapes were not analysed ("the leak shapes project was not found"); null when they were.</summary>
    public string? NotRun { get; init; }

    /// <summary>The rules that fired on <paramref name="shape"/>; empty when none did or nothing ran.</summary>
    public IReadOnlyList<string> RulesOf(LeakShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return Rules.TryGetValue(shape.Id, out var rules) ? rules : [];
    }

    /// <summary>Coverage from a compile's diagnostics: each analyzer result in a shape's file counts for that shape.</summary>
    /// <param name="shapes">The shapes that were compiled.</param>
    /// <param name="results">The compile's SARIF results.</param>
    /// <param name="analyzers">The analyzer packages and versions that ran.</param>
    public static ShapeCoverage From(IReadOnlyList<LeakShape> shapes, IReadOnlyList<SarifResult> results, IReadOnlyList<string> analyzers)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(analyzers);
        var ids = shapes.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var rules = results
            // Compiler warnings (CSxxxx) are not analyzer coverage; a result outside the Shapes folder belongs to no shape.
            .Where(r => !r.RuleId.StartsWith("CS", StringComparison.Ordinal) && r.File is not null
                        && Path.GetFileName(Path.GetDirectoryName(r.File)) == "Shapes" && ids.Contains(Path.GetFileNameWithoutExtension(r.File)))
            .GroupBy(r => Path.GetFileNameWithoutExtension(r.File)!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(r => r.RuleId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], StringComparer.Ordinal);
        return new ShapeCoverage { Shapes = shapes, Rules = rules, Analyzers = analyzers };
    }

    /// <summary>No analysis, with the reason; <paramref name="shapes"/> as far as they could be read.</summary>
    public static ShapeCoverage Failed(IReadOnlyList<LeakShape> shapes, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new ShapeCoverage { Shapes = shapes, NotRun = reason };
    }
}
