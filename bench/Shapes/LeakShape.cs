namespace LeakBench.Shapes;

/// <summary>
/// One way real code writes a request (tests/LeakShapes/Shapes/&lt;Id&gt;.cs): its file's leading comment says what the
/// code does, and its line <c>// Study case: Benchmark.Method(Name=Value, ...).</c> names the case whose cost it has.
/// The file is the one source of both, so a shape and its case cannot drift apart.
/// </summary>
/// <param name="Id">The file's name without .cs, e.g. "ChainedStatusCode".</param>
/// <param name="Description">The leading comment before the study case line, as one sentence or two.</param>
/// <param name="Case">The study case whose verdict and numbers are this shape's cost.</param>
public sealed record LeakShape(string Id, string Description, StudyCaseReference Case)
{
    /// <summary>The marker of the line that names the case.</summary>
    public const string CaseMarker = "Study case:";

    /// <summary>Reads the shape from its file's text.</summary>
    /// <exception cref="FormatException">No leading comment, or no (or a malformed) study case line.</exception>
    public static LeakShape Parse(string id, string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(source);
        // The first comment block of the file: the lines that start with // (after any using directives).
        var comment = source.Split('\n')
            .Select(line => line.Trim())
            .SkipWhile(line => !line.StartsWith("//", StringComparison.Ordinal))
            .TakeWhile(line => line.StartsWith("//", StringComparison.Ordinal))
            .Select(line => line[2..].Trim())
            .ToList();
        var caseLine = comment.FindIndex(line => line.StartsWith(CaseMarker, StringComparison.Ordinal));
        if (caseLine < 0)
        {
            throw new FormatException($"shape {id}: its leading comment has no '// {CaseMarker} Benchmark.Method(...).' line");
        }

        var description = string.Join(' ', comment.Take(caseLine));
        if (description.Length == 0)
        {
            throw new FormatException($"shape {id}: its leading comment does not say what the code does");
        }

        var reference = comment[caseLine][CaseMarker.Length..].Trim().TrimEnd('.');
        return new LeakShape(id, description, StudyCaseReference.Parse(reference));
    }
}
