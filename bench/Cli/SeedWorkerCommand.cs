using LeakBench.Seed;

namespace LeakBench.Cli;

/// <summary>
/// <c>seed-worker</c> (internal, not in the usage text): one .NET article test in this fresh process,
/// started by <c>seed</c>; prints its <see cref="DotnetMeasurement"/> as one line.
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
            var measurement = await SeedWorker.RunAsync(arguments);
            Console.WriteLine(measurement.ToLine());
            return 0;
        }
        catch (HttpRequestException e)
        {
            Console.Error.WriteLine($"leakbench: seed-worker testFun{arguments.Test?.Number}: {e.Message}");
            return 1;
        }
    }
}
