namespace LeakBench.Seed;

/// <summary>
/// One line of the seed table: one article test at one body size, with the Go run (null when go is not
/// installed) and the two .NET runs (streaming <c>ResponseHeadersRead</c> and default buffered <c>GetAsync</c>).
/// </summary>
public sealed record SeedRow(ArticleTest Test, int BodyBytes, GoMeasurement? Go, DotnetMeasurement HeadersRead, DotnetMeasurement Default)
{
    public DotnetMeasurement Dotnet(HttpCompletionOption completion) => completion == HttpCompletionOption.ResponseHeadersRead ? HeadersRead : Default;
}
