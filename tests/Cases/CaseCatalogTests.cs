using BenchmarkDotNet.Running;
using LeakBench.Benchmarks;
using LeakBench.Cases;

namespace LeakBench.Tests.Cases;

/// <summary>Known answers: what each published benchmark case does, read from its declaration alone.</summary>
public sealed class CaseCatalogTests
{
    private static BenchmarkCase Find(Type type, string method, params (string Name, object Value)[] parameters) =>
        BenchmarkConverter.TypeToBenchmarks(type).BenchmarksCases.Single(c =>
            c.Descriptor.WorkloadMethod.Name == method
            && parameters.All(p => Equals(c.Parameters.Items.Single(i => i.Name == p.Name).Value, p.Value)));

    [Fact]
    public void A_dispose_drain_case_is_its_method_declaration_plus_its_parameters()
    {
        var c = Find(typeof(DisposeDrainBenchmarks), nameof(DisposeDrainBenchmarks.Undisposed_Unread),
            ("Completion", HttpCompletionOption.ResponseHeadersRead), ("BodyBytes", 1024));

        Assert.Equal(
            new StudyCase { Disposed = false, Drain = Drain.None, Completion = HttpCompletionOption.ResponseHeadersRead, BodyBytes = 1024 },
            CaseCatalog.Of(c));
        Assert.Equal(
            new StudyCase { Disposed = true, Drain = Drain.Full, Completion = HttpCompletionOption.ResponseHeadersRead, BodyBytes = 1024 },
            CaseCatalog.BaselineOf(c));
    }

    [Fact]
    public void A_framing_case_takes_its_framing_and_size_from_the_body_shape_and_is_streamed()
    {
        var c = Find(typeof(FramingBenchmarks), nameof(FramingBenchmarks.Disposed_Unread), ("Body", new BodyShape(Framing.Chunked, 1022 * 1024)));

        Assert.Equal(
            new StudyCase { Disposed = true, Drain = Drain.None, Completion = HttpCompletionOption.ResponseHeadersRead, BodyBytes = 1022 * 1024, Framing = Framing.Chunked },
            CaseCatalog.Of(c));
    }

    [Theory]
    [InlineData(typeof(DisposeDrainBenchmarks), 24)]
    [InlineData(typeof(FramingBenchmarks), 21)]
    public void Every_case_of_a_class_is_a_different_case_and_its_baseline_is_one_of_them(Type type, int count)
    {
        var cases = BenchmarkConverter.TypeToBenchmarks(type).BenchmarksCases;
        var described = cases.Select(CaseCatalog.Of).ToList();

        Assert.Equal(count, cases.Length);
        Assert.Equal(count, described.Distinct().Count());
        Assert.All(cases, c => Assert.Contains(CaseCatalog.BaselineOf(c)!, described));
        Assert.All(cases.Where(c => c.Descriptor.Baseline), c => Assert.Equal(CaseCatalog.Of(c), CaseCatalog.BaselineOf(c)));
    }

    [Fact]
    public void The_channel_to_the_benchmark_process_carries_the_case_and_its_baseline_unchanged()
    {
        var c = new StudyCase { Disposed = false, Drain = Drain.Partial4KiB, BodyBytes = 2 * 1024 * 1024, Framing = Framing.Chunked };
        var baseline = c with { Disposed = true, Drain = Drain.Full };

        Environment.SetEnvironmentVariable(CaseChannel.Variable, CaseChannel.Encode(c, baseline));
        try
        {
            Assert.Equal(new CaseChannel.Described(c, baseline), CaseChannel.FromEnvironment());
        }
        finally
        {
            Environment.SetEnvironmentVariable(CaseChannel.Variable, null);
        }

        var e = Assert.Throws<InvalidOperationException>(CaseChannel.FromEnvironment);
        Assert.Contains(CaseChannel.Variable, e.Message, StringComparison.Ordinal);
    }
}
