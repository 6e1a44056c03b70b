using LeakBench.Seed;

namespace LeakBench.Cli;

/// <summary>
/// <c>seed-worker</c> (internal, not in the usage text): one .NET article test in this fresh process, started
/// by <c>seed</c>. At each checkpoint it prints a count line and waits for a line on stdin (or its end) while
/// <c>seed</c> counts its sockets; at the end it prints its <see cref="DotnetWorkerReport"/> as one line.
/// </summary>
public static class SeedWorkerCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var arguments = SeedWorkerArguments.Parse(args);
        if (arguments.Error is not null)
        {
            Console.Error.WriteLine($"leakbench: {arguments.Error}");
            Console.Error.WriteLine($"usage: {SeedWorkerArguments.Usage}");
            return 2;
        }

        try
        {
            var report = await SeedWorker.RunAsync(arguments, async name =>
            {
                Console.WriteLine(DotnetWorkerReport.CountPrefix + name);
                await Console.In.ReadLineAsync();
            });
            Console.WriteLine(report.ToLine());
            return 0;
        }
        catch (HttpRequestException e)
        {
            Console.Error.WriteLine($"leakbench: seed-worker testFun{arguments.Test?.Number}: {e.Message}");
            return 1;
        }
    }
}
