using System.Diagnostics;
using System.Globalization;
using System.Text;
using LeakBench.Census;
using LeakBench.Seed;
using LeakBench.Target;

namespace LeakBench.Cli;

/// <summary>
/// <c>seed</c>: the Go article's four tests, run by the article's own program and by .NET against one local
/// target, printed side by side and written as seed.md, seed.csv and seed.json.
/// </summary>
public static class SeedCommand
{
    /// <summary>The <c>seed</c> command: its exit code.</summary>
    public static async Task<int> RunAsync(StudyOptions options) => (await RunWithResultAsync(options)).ExitCode;

    /// <summary>
    /// Runs the seed as <c>seed</c> does (console, seed.md, seed.csv, seed.json) and returns its result too, for the study
    /// report (<c>--seed</c>): the result is null when the exit code is not 0.
    /// </summary>
    public static async Task<(int ExitCode, SeedResult? Result)> RunWithResultAsync(StudyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!SocketTable.IsAvailable)
        {
            Console.Error.WriteLine($"leakbench: seed counts connections from the OS socket table ({SocketTable.Tcp4Path}), which this OS does not have; run it on Linux");
            return (1, null);
        }

        using var stop = new CancellationTokenSource();
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            stop.Cancel();
        }

        // Only while the seed runs: inside a study (--seed), Ctrl+C afterwards must stop the study as usual.
        Console.CancelKeyPress += OnCancel;
        try
        {
            return await RunAsync(options, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine("leakbench: seed stopped (Ctrl+C)");
            return (130, null);
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }

    private static async Task<(int ExitCode, SeedResult? Result)> RunAsync(StudyOptions options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var output = RunFolder.Create(options.OutputDirectory, "seed-");
        var goBuild = Path.Combine(Path.GetTempPath(), $"leakbench-seed-go-{Guid.NewGuid():N}");

        SeedResult result;
        try
        {
            using var server = await TargetServer.StartAsync(cancellationToken);
            Console.WriteLine($"leakbench seed: target {server.Urls.Http1} (pid {server.Urls.Pid}); {ArticleTest.All.Count} tests x {SeedRunner.BodySizes.Count} body sizes, each in its own process, {SeedRunner.Parallelism} at a time");
            result = await SeedRunner.RunAsync(server.Urls.Http1, goBuild, line => Console.WriteLine($"leakbench seed: {line}"), cancellationToken);
        }
        catch (SeedRunException e)
        {
            Console.Error.WriteLine($"leakbench: seed failed: {e.Message}");
            return (1, null);
        }
        finally
        {
            if (Directory.Exists(goBuild))
            {
                Directory.Delete(goBuild, recursive: true);
            }
        }

        var markdown = SeedMarkdown.Write(result);
        var files = new (string Name, string Text)[]
        {
            (SeedFiles.Markdown, markdown),
            (SeedFiles.Csv, SeedCsv.Write(result)),
            (SeedFiles.Json, SeedJson.Write(result)),
        };
        foreach (var (name, text) in files)
        {
            await File.WriteAllTextAsync(Path.Combine(output, name), text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), CancellationToken.None);
        }

        Console.WriteLine();
        Console.WriteLine(markdown);
        foreach (var (name, _) in files)
        {
            Console.WriteLine($"wrote {Path.Combine(output, name)}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"leakbench seed: done in {started.Elapsed.TotalSeconds:0.0} s"));
        return (0, result);
    }
}
