using System.Text;

namespace LeakBench.Seed;

/// <summary>
/// The seed report as markdown: what ran, the table, its legend and "what this shows". seed.md and the console have it
/// as a page of its own (heading level 1); the study report embeds it one level down, under its own section.
/// </summary>
public static class SeedMarkdown
{
    public const string Title = "LeakBench seed: the Go article's four tests, Go and .NET side by side";

    /// <param name="result">The seed run.</param>
    /// <param name="headingLevel">The level of the title; "What this shows" is one below.</param>
    public static string Write(SeedResult result, int headingLevel = 1)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentOutOfRangeException.ThrowIfLessThan(headingLevel, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(headingLevel, 5);
        var title = new string('#', headingLevel);
        var env = result.Environment;
        var text = new StringBuilder();
        text.Append(title).Append(' ').Append(Title).Append("\n\n");
        text.Append("Five GETs per test against one local Kestrel target (HTTP/1.1, Content-Length bodies), then the article's 1 s settle. ")
            .Append("Go: ").Append(result.GoStatus).Append(". .NET: ").Append(env.DotnetRuntime).Append(". ")
            .Append(env.Os).Append(", ").Append(env.Machine).Append(".\n\n");
        text.Append(SeedTable.ToMarkdown(result)).Append('\n');
        text.Append(SeedTable.Legend).Append("\n\n");
        text.Append(title).Append("# What this shows\n\n");
        text.Append(SeedFindings.Paragraph(result)).Append('\n');
        return text.ToString();
    }
}
