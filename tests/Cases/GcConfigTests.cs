using BenchmarkDotNet.Running;
using LeakBench.Benchmarks;
using LeakBench.Cases;

namespace LeakBench.Tests.Cases;

/// <summary>The GC settings of FdLimitBenchmarks: at least five, the published ones unchanged, each with its environment.</summary>
public sealed class GcConfigTests
{
    [Fact]
    public void FdLimitBenchmarks_runs_both_cases_under_six_GC_settings()
    {
        var cases = BenchmarkConverter.TypeToBenchmarks(typeof(FdLimitBenchmarks)).BenchmarksCases;

        Assert.Equal(12, cases.Length);
        Assert.Equal(6, cases.Select(c => c.Parameters.Items.Single(p => p.Name == nameof(FdLimitBenchmarks.GcConfig)).Value).Distinct().Count());
    }

    [Fact]
    public void The_published_names_keep_their_values_and_the_new_settings_their_variables()
    {
        // Published parameter values: never renamed.
        Assert.Equal(["Workstation", "Server", "LargeGen0"], Enum.GetNames<GcConfig>().Take(3));
        Assert.Equal(new Dictionary<string, string> { ["DOTNET_gcServer"] = "1", ["DOTNET_GCDynamicAdaptationMode"] = "0" }, GcEnvironment.For(GcConfig.ServerNoDatas));
        Assert.Equal(new Dictionary<string, string> { ["DOTNET_GCgen0size"] = "0x4000000" }, GcEnvironment.For(GcConfig.MidGen0));
        Assert.Equal(64 * 1024 * 1024, Convert.ToInt32(GcEnvironment.MidGen0Size, 16));
        Assert.Equal(new Dictionary<string, string> { ["DOTNET_GCgen0size"] = "0x800000" }, GcEnvironment.For(GcConfig.SmallGen0));
        Assert.Equal(8 * 1024 * 1024, Convert.ToInt32(GcEnvironment.SmallGen0Size, 16));
        Assert.Equal("server, DATAS off", GcEnvironment.Describe(GcConfig.ServerNoDatas));
    }
}
