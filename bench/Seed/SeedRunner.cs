using System.Runtime.InteropServices;

namespace LeakBench.Seed;

/// <summary>
/// A whole seed run against one running target: builds the article's Go program once (when go is on PATH),
/// then runs every test at every body size on both sides, each in its own process. Runs go in parallel up
/// to <see cref="Parallelism"/>: each counts only the sockets its own process owns, so they cannot see each other.
/// </summary>
public static class SeedRunner
{
    public const int SmallBody = 1024;

    /// <summary>2 MiB: above SocketsHttpHandler's 1 MiB MaxResponseDrainSize.</summary>
    public const int LargeBody = 2 * 1024 * 1024;

    public static readonly IReadOnlyList<int> BodySizes = [SmallBody, LargeBody];

    public static int Parallelism { get; } = Math.Max(2, Environment.ProcessorCount);

    public static async Task<SeedResult> RunAsync(Uri http1, string goBuildDirectory, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        using var gate = new SemaphoreSlim(Parallelism);
        async Task<T> Gated<T>(Func<Task<T>> run)
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await run();
            }
            finally
            {
                gate.Release();
            }
        }

        var dotnetRuns = BodySizes
            .SelectMany(size => ArticleTest.All.SelectMany(test => SeedCompletion.Both
                .Select(completion => (key: (test.Number, size, completion), task: Gated(() => DotnetSeedRunner.RunAsync(test, completion, size, http1, cancellationToken))))))
            .ToList();

        var go = GoToolchain.Find();
        Task<(List<GoMeasurement> Tests, GoOneProcessMeasurement Main)>? goRuns = null;
        if (go is null)
        {
            log?.Invoke($"Go side: {GoToolchain.NotInstalled} (no go on PATH); running the .NET side only");
        }
        else
        {
            goRuns = RunGoAsync(go, http1, goBuildDirectory, Gated, log, cancellationToken);
        }

        var dotnet = new Dictionary<(int, int, HttpCompletionOption), DotnetMeasurement>();
        foreach (var (key, task) in dotnetRuns)
        {
            dotnet[key] = await task;
        }

        List<GoMeasurement>? goTests = null;
        GoOneProcessMeasurement? goMain = null;
        if (goRuns is not null)
        {
            (goTests, goMain) = await goRuns;
        }

        var rows = BodySizes.SelectMany(size => ArticleTest.All.Select(test => new SeedRow(
            test,
            size,
            goTests?.Single(g => g.Test == test.Number && g.BodyBytes == size),
            dotnet[(test.Number, size, HttpCompletionOption.ResponseHeadersRead)],
            dotnet[(test.Number, size, HttpCompletionOption.ResponseContentRead)]))).ToList();
        var versions = goTests?.Select(g => g.Version).Distinct().ToList();
        var environment = new SeedEnvironment(
            RuntimeInformation.OSDescription,
            rows[0].HeadersRead.Runtime,
            $"{Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSArchitecture}");
        return new SeedResult(rows, versions is null ? null : string.Join(", ", versions), goMain, environment);
    }

    private static async Task<(List<GoMeasurement>, GoOneProcessMeasurement)> RunGoAsync(
        string go, Uri http1, string buildDirectory, Func<Func<Task<GoMeasurement>>, Task<GoMeasurement>> gated, Action<string>? log, CancellationToken cancellationToken)
    {
        log?.Invoke($"Go side: building bench/seed-go with {go}");
        var binary = await GoToolchain.BuildAsync(go, buildDirectory, cancellationToken);
        var tests = BodySizes
            .SelectMany(size => ArticleTest.All.Select(test => gated(() => GoSeedRunner.RunTestAsync(binary, test, size, http1, cancellationToken))))
            .ToList();
        var main = GoSeedRunner.RunArticleMainAsync(binary, SmallBody, http1, cancellationToken);
        return ([.. await Task.WhenAll(tests)], await main);
    }
}
