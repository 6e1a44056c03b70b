using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace LeakBench.Runs;

/// <summary>
/// What rendered a report: the report format (a number this code raises whenever the same raw files would render to
/// different text) and, for the record, the commit the program was built from. The stamp is report.md's last line;
/// <c>verify</c> compares the format with this code's: a report of another format was rendered by another LeakBench,
/// and <c>report</c> refreshes it. The commit alone would call every report stale at every commit.
/// </summary>
public static partial class RenderStamp
{
    /// <summary>The report format this code renders. Raise it with any change to what a report says for the same raw files.</summary>
    public const int Format = 2;

    /// <summary>The commit this program was built from (SourceLink's revision in the informational version); "unknown" without one.</summary>
    public static string Commit { get; } = CommitOf(typeof(RenderStamp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    /// <summary>The stamp line of a report rendered now.</summary>
    public static string Line =>
        string.Create(CultureInfo.InvariantCulture, $"*Rendered from this folder's raw files by LeakBench, report format {Format}, commit {Commit}: `./run.sh report FOLDER` renders it again, `./run.sh verify FOLDER` checks it.*");

    /// <summary>The report format a report.md was rendered with; null when it has no stamp (rendered before stamps existed).</summary>
    public static int? FormatOf(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var last = markdown.TrimEnd('\n').Split('\n')[^1];
        return StampPattern().Match(last) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Whether <paramref name="line"/> is a stamp (whatever its format and commit): the one line two renderings may differ in.</summary>
    public static bool IsStamp(string line) => StampPattern().IsMatch(line);

    internal static string CommitOf(string? informationalVersion) =>
        informationalVersion?.Split('+', 2) is [_, var revision] && revision.Length > 0 ? revision[..Math.Min(12, revision.Length)] : "unknown";

    [GeneratedRegex(@"^\*Rendered from this folder's raw files by LeakBench, report format (\d+), commit [^:]*:")]
    private static partial Regex StampPattern();
}
