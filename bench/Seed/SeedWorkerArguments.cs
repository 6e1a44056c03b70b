using System.Globalization;
using LeakBench.Cases;

namespace LeakBench.Seed;

/// <summary>
/// The internal <c>seed-worker</c> command's arguments: <c>--test N --mode default|headers --size BYTES --url URL</c>
/// (URL: the target's HTTP/1.1 base URL). Parsing never throws: bad input comes back as <see cref="Error"/>.
/// </summary>
public sealed record SeedWorkerArguments(ArticleTest? Test, HttpCompletionOption Completion, int BodyBytes, Uri? Target, string? Error)
{
    public const string Command = "seed-worker";

    public const string Usage = "seed-worker --test 1|2|3|4 --mode default|headers --size BYTES --url HTTP1_BASE_URL (internal: started by 'seed')";

    /// <summary>
    /// The request the worker sends five times: a Content-Length body of <see cref="BodyBytes"/>, the mode's completion
    /// option, disposed when the test calls Go's <c>resp.Body.Close()</c>, read to the end (byte count checked) when it
    /// calls <c>ioutil.ReadAll(resp.Body)</c>.
    /// </summary>
    public RequestPattern Pattern
    {
        get
        {
            var test = Test ?? throw new InvalidOperationException(Error);
            return RequestPattern.For(
                Target ?? throw new InvalidOperationException(Error), Framing.ContentLength, BodyBytes, Completion,
                dispose: test.Closes, drain: test.ReadsToEnd ? Drain.Full : Drain.None);
        }
    }

    public IReadOnlyList<string> ToArguments() =>
    [
        Command,
        "--test", (Test ?? throw new InvalidOperationException(Error)).Number.ToString(CultureInfo.InvariantCulture),
        "--mode", Completion.ToArgument(),
        "--size", BodyBytes.ToString(CultureInfo.InvariantCulture),
        "--url", (Target ?? throw new InvalidOperationException(Error)).ToString(),
    ];

    public static SeedWorkerArguments Parse(IReadOnlyList<string> args)
    {
        ArticleTest? test = null;
        HttpCompletionOption? completion = null;
        int? size = null;
        Uri? target = null;
        SeedWorkerArguments Fail(string error) => new(test, completion ?? HttpCompletionOption.ResponseContentRead, size ?? 0, target, error);

        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[++i] : null;
            switch (name)
            {
                case "--test":
                    test = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? ArticleTest.FromNumber(n) : null;
                    if (test is null)
                    {
                        return Fail($"--test needs 1, 2, 3 or 4, got '{value}'");
                    }

                    break;
                case "--mode":
                    completion = SeedCompletion.ParseArgument(value);
                    if (completion is null)
                    {
                        return Fail($"--mode needs 'default' or 'headers', got '{value}'");
                    }

                    break;
                case "--size":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) || bytes < 1)
                    {
                        return Fail($"--size needs a positive number of bytes, got '{value}'");
                    }

                    size = bytes;
                    break;
                case "--url":
                    if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || !uri.IsLoopback)
                    {
                        return Fail($"--url needs the target's http:// loopback URL, got '{value}'");
                    }

                    target = uri;
                    break;
                default:
                    return Fail($"unknown argument '{name}'");
            }
        }

        if (test is null || completion is null || size is null || target is null)
        {
            return Fail("all of --test, --mode, --size and --url are required");
        }

        return new(test, completion.Value, size.Value, target, null);
    }
}
