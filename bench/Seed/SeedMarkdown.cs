using System.Text;

namespace LeakBench.Seed;

/// <summary>The seed report as markdown: what ran, the table, its legend and "what this shows". The console prints the same text.</summary>
public static class SeedMarkdown
{
    public const string Title = "LeakBench seed: the Go article's four tests, Go and .NET side by side";

    public static string Write(SeedResult result)
    {
        var env = result.Environment;
        var text = new StringBuilder();
        text.Append("# ").Append(Title).Append("\n\n");
        text.Append("Five GETs per test against one local Kestrel target (HTTP/1.1, Content-Length bodies), then the article's 1 s settle. ")
            .Append("Go: ").Append(result.GoStatus).Append(". .NET: ").Append(env.DotnetRuntime).Append(". ")
            .Append(env.Os).Append(", ").Append(env.Machine).Append(".\n\n");
        text.Append(SeedTable.ToMarkdown(result)).Append('\n');
        text.Append(SeedTable.Legend).Append("\n\n");
        text.Append("## What this shows\n\n");
        text.Append(SeedFindings.Paragraph(result)).Append('\n');
        return text.ToString();
    }
}
