using LeakBench.Seed;

namespace LeakBench.Tests.Seed;

/// <summary>Hand-built seed results for the report tests: the numbers are typed in here, not measured.</summary>
public static class SeedSamples
{
    public static readonly SeedEnvironment Environment = new("Linux test", ".NET 10.0.0", "2 logical CPUs, X64");

    /// <summary>
    /// One hand-written line per test and size: Go goroutines and connections (null: no Go), then .NET
    /// ResponseHeadersRead before/after GC/threads, then default GetAsync before/after GC/threads.
    /// </summary>
    public sealed record Line(int Test, int Bytes, int? GoGoroutines, int? GoConns, int HdrBefore, int HdrAfter, int HdrThreads, int DefBefore, int DefAfter, int DefThreads, int HdrGcs = 0, int DefGcs = 0);

    /// <summary>The article's table and the .NET answers the study expects, at 1 KiB and 2 MiB.</summary>
    public static List<Line> ArticleLines() =>
    [
        new(1, 1024, 11, 5, 5, 0, 13, 1, 1, 13),
        new(2, 1024, 1, 0, 1, 1, 13, 1, 1, 12),
        new(3, 1024, 3, 1, 1, 1, 12, 1, 1, 12),
        new(4, 1024, 3, 1, 1, 1, 12, 1, 1, 13),
        new(1, 2097152, 11, 5, 5, 0, 13, 1, 1, 14),
        new(2, 2097152, 1, 0, 0, 0, 13, 1, 1, 13),
        new(3, 2097152, 3, 1, 1, 1, 14, 1, 1, 13),
        new(4, 2097152, 3, 1, 1, 1, 13, 1, 1, 13),
    ];

    public static SeedResult Result(IEnumerable<Line> lines, string? goVersion = "go1.19.8", IReadOnlyList<int>? oneProcess = null)
    {
        var rows = lines.Select(l => new SeedRow(
            ArticleTest.FromNumber(l.Test)!,
            l.Bytes,
            l.GoGoroutines is int g && goVersion is not null ? new GoMeasurement(l.Test, l.Bytes, g, l.GoConns!.Value, goVersion) : null,
            new DotnetMeasurement(l.Test, HttpCompletionOption.ResponseHeadersRead, l.Bytes, 5, l.HdrBefore, l.HdrAfter, l.HdrThreads, l.HdrGcs, ".NET 10.0.0"),
            new DotnetMeasurement(l.Test, HttpCompletionOption.ResponseContentRead, l.Bytes, 5, l.DefBefore, l.DefAfter, l.DefThreads, l.DefGcs, ".NET 10.0.0"))).ToList();
        var main = oneProcess is null || goVersion is null ? null : new GoOneProcessMeasurement(1024, oneProcess, 6, goVersion);
        return new SeedResult(rows, goVersion, main, Environment);
    }

    public static SeedResult Article(string? goVersion = "go1.19.8") => Result(ArticleLines(), goVersion, goVersion is null ? null : [11, 11, 13, 13]);

    /// <summary>The article's lines with one line replaced.</summary>
    public static SeedResult ArticleWith(int test, int bytes, Func<Line, Line> change)
    {
        var lines = ArticleLines().Select(l => l.Test == test && l.Bytes == bytes ? change(l) : l).ToList();
        return Result(lines, "go1.19.8", [11, 11, 13, 13]);
    }
}
