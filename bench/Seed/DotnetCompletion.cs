namespace LeakBench.Seed;

/// <summary>How the .NET side calls <c>GetAsync</c>.</summary>
public enum DotnetCompletion
{
    /// <summary><c>GetAsync(url)</c>: <c>ResponseContentRead</c>, the whole body is buffered before it returns.</summary>
    Default,

    /// <summary><c>GetAsync(url, ResponseHeadersRead)</c>: the body streams from the connection, as in Go.</summary>
    HeadersRead,
}

/// <summary>Names of <see cref="DotnetCompletion"/> on the worker's command line and in reports.</summary>
public static class DotnetCompletionNames
{
    public static string ToArgument(this DotnetCompletion completion) => completion switch
    {
        DotnetCompletion.Default => "default",
        DotnetCompletion.HeadersRead => "headers",
        _ => throw new ArgumentOutOfRangeException(nameof(completion), completion, null),
    };

    public static DotnetCompletion? Parse(string? text) => text switch
    {
        "default" => DotnetCompletion.Default,
        "headers" => DotnetCompletion.HeadersRead,
        _ => null,
    };

    /// <summary>The call as a reader knows it.</summary>
    public static string ToCall(this DotnetCompletion completion) => completion switch
    {
        DotnetCompletion.Default => "GetAsync",
        DotnetCompletion.HeadersRead => "ResponseHeadersRead",
        _ => throw new ArgumentOutOfRangeException(nameof(completion), completion, null),
    };
}
