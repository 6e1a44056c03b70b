using BenchmarkDotNet.Environments;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.CsProj;
using BenchmarkDotNet.Toolchains.DotNetCli;

namespace LeakBench.Config;

/// <summary>One job per client runtime of a comparison: the same job, another runtime, the same target.</summary>
public static class RuntimeJobs
{
    /// <summary>The client runtimes a comparison can use.</summary>
    public static readonly IReadOnlyList<string> Supported = ["net8.0", "net9.0", "net10.0"];

    public static IReadOnlyList<Job> For(Job job, IReadOnlyList<string> monikers, string? dotnetCli) =>
        monikers.Select(moniker => job
            .WithRuntime(RuntimeOf(moniker))
            .WithToolchain(CsProjCoreToolchain.From(new NetCoreAppSettings(moniker, runtimeFrameworkVersion: null, name: moniker, customDotNetCliPath: dotnetCli)))
            // Builds the benchmarks for every client runtime (see bench/LeakBench.csproj).
            .WithArguments([.. StudyProfile.BuildArguments, new MsBuildArgument("-p:LeakBenchRuntimes=all")])
            .WithId($"{job.Id}-{moniker}"))
            .ToList();

    private static CoreRuntime RuntimeOf(string moniker) => moniker switch
    {
        "net8.0" => CoreRuntime.Core80,
        "net9.0" => CoreRuntime.Core90,
        "net10.0" => CoreRuntime.Core10_0,
        _ => throw new ArgumentException($"unsupported runtime '{moniker}' (supported: {string.Join(", ", Supported)})", nameof(moniker)),
    };
}
