namespace LeakBench.Seed;

/// <summary>
/// The seed's two .NET calls, as <see cref="HttpCompletionOption"/>: <c>GetAsync(url)</c> (ResponseContentRead: the
/// whole body is buffered before it returns) and <c>GetAsync(url, ResponseHeadersRead)</c> (the body streams from the
/// connection, as in Go). Their names on the worker's command line and in the seed's text.
/// </summary>
public static class SeedCompletion
{
    /// <summary>Both calls, in the table's column order: streaming first.</summary>
    public static readonly IReadOnlyList<HttpCompletionOption> Both = [HttpCompletionOption.ResponseHeadersRead, HttpCompletionOption.ResponseContentRead];

    /// <summary>The worker's <c>--mode</c> value.</summary>
    public static string ToArgument(this HttpCompletionOption completion) => completion switch
    {
        HttpCompletionOption.ResponseContentRead => "default",
        HttpCompletionOption.ResponseHeadersRead => "headers",
        _ => throw new ArgumentOutOfRangeException(nameof(completion), completion, null),
    };

    /// <summary>A <c>--mode</c> value back, or null when it is not one.</summary>
    public static HttpCompletionOption? ParseArgument(string? text) => text switch
    {
        "default" => HttpCompletionOption.ResponseContentRead,
        "headers" => HttpCompletionOption.ResponseHeadersRead,
        _ => null,
    };

    /// <summary>The call as a reader knows it.</summary>
    public static string ToCall(this HttpCompletionOption completion) => completion switch
    {
        HttpCompletionOption.ResponseContentRead => "GetAsync",
        HttpCompletionOption.ResponseHeadersRead => "ResponseHeadersRead",
        _ => throw new ArgumentOutOfRangeException(nameof(completion), completion, null),
    };
}
