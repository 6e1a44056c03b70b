using System.Globalization;
using System.Text.RegularExpressions;

namespace LeakBench.Seed;

/// <summary>
/// Reads the article program's output: the article's own lines ("testFun1() 当前goroutine数量= 11", or
/// "testFun1 http.Get err:  ..." when a request failed) and the line main adds when it waits to be counted
/// ("LEAKBENCH_GO_WAITING version=go1.19.8 pid=123").
/// </summary>
public static partial class GoOutput
{
    public const string WaitingPrefix = "LEAKBENCH_GO_WAITING ";

    /// <summary>(test number, goroutines) from a count line, or null.</summary>
    public static (int Test, int Goroutines)? TryParseCount(string line)
    {
        var m = CountLine().Match(line);
        return m.Success
            ? (int.Parse(m.Groups["test"].ValueSpan, CultureInfo.InvariantCulture), int.Parse(m.Groups["count"].ValueSpan, CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>True for the article's error line: a request failed and the test returned early.</summary>
    public static bool IsRequestError(string line) => ErrorLine().IsMatch(line);

    /// <summary>The Go version from the waiting line, or null when the line is not one.</summary>
    public static string? TryParseWaitingVersion(string line)
    {
        if (!line.StartsWith(WaitingPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        return line[WaitingPrefix.Length..]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('=', 2))
            .FirstOrDefault(kv => kv.Length == 2 && kv[0] == "version")?[1];
    }

    // fmt.Println separates its operands with a space: "testFun1() 当前goroutine数量= 11".
    [GeneratedRegex(@"^testFun(?<test>[1-4])\(\) 当前goroutine数量=\s*(?<count>\d+)\s*$")]
    private static partial Regex CountLine();

    [GeneratedRegex(@"^testFun[1-4] http\.Get err:")]
    private static partial Regex ErrorLine();
}
