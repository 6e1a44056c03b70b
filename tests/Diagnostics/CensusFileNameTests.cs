using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Environments;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using LeakBench.Benchmarks;
using LeakBench.Diagnostics;

namespace LeakBench.Tests.Diagnostics;

/// <summary>Census files are named by case, job and runtime: a runtime comparison keeps one file per row, never two rows to one file.</summary>
public sealed class CensusFileNameTests
{
    private static readonly Type[] Classes =
    [
        typeof(DisposeDrainBenchmarks), typeof(FramingBenchmarks), typeof(Http2Benchmarks), typeof(ConnectionLimitBenchmarks),
        typeof(FdLimitBenchmarks), typeof(TlsBenchmarks), typeof(LifetimeBenchmarks),
    ];

    [Fact]
    public void Every_case_on_every_runtime_has_a_file_of_its_own()
    {
        var config = ManualConfig.CreateEmpty()
            .AddJob(Job.Dry.WithRuntime(CoreRuntime.Core80).WithId("Quick-net8.0"))
            .AddJob(Job.Dry.WithRuntime(CoreRuntime.Core90).WithId("Quick-net9.0"))
            .AddJob(Job.Dry.WithRuntime(CoreRuntime.Core10_0).WithId("Quick-net10.0"));
        var cases = Classes.SelectMany(t => BenchmarkConverter.TypeToBenchmarks(t, config).BenchmarksCases).ToList();
        var names = cases.Select(CensusDiagnoser.FileNameFor).ToList();

        Assert.Equal(cases.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, n => Assert.Equal(n, Path.GetFileName(n)));
        Assert.All(names, n => Assert.Empty(n.Intersect(Path.GetInvalidFileNameChars())));
    }

    [Fact]
    public void The_name_says_the_class_method_parameters_and_job()
    {
        var config = ManualConfig.CreateEmpty().AddJob(Job.Dry.WithRuntime(CoreRuntime.Core80).WithId("Quick-net8.0"));
        var c = BenchmarkConverter.TypeToBenchmarks(typeof(DisposeDrainBenchmarks), config).BenchmarksCases
            .First(b => b.Descriptor.WorkloadMethod.Name == nameof(DisposeDrainBenchmarks.Undisposed_Unread));

        var name = CensusDiagnoser.FileNameFor(c);

        Assert.StartsWith("census-DisposeDrainBenchmarks-Undisposed_Unread-", name, StringComparison.Ordinal);
        Assert.Contains("BodyBytes=", name, StringComparison.Ordinal);
        Assert.EndsWith("-Quick-net8.0.json", name, StringComparison.Ordinal);
    }
}
