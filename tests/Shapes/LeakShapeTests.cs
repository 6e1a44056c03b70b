using LeakBench.Benchmarks;
using LeakBench.Cases;
using LeakBench.Cli;
using LeakBench.Shapes;
using BenchmarkDotNet.Running;

namespace LeakBench.Tests.Shapes;

/// <summary>The shape files name their study cases, and every name is a case the study runs.</summary>
public sealed class LeakShapeTests
{
    [Fact]
    public void A_shape_reads_its_description_and_case_from_its_leading_comment()
    {
        const string source = """
            using System.Net;

            namespace LeakShapes.Shapes;

            // A local that is never disposed:
            // the response is dropped.
            // Study case: DisposeDrainBenchmarks.Undisposed_Unread(Completion=ResponseHeadersRead, BodyBytes=1024).
            public static class X
            {
                // Not part of the description.
            }
            """;

        var shape = LeakShape.Parse("X", source);

        Assert.Equal("A local that is never disposed: the response is dropped.", shape.Description);
        Assert.Equal("DisposeDrainBenchmarks", shape.Case.Benchmark);
        Assert.Equal("Undisposed_Unread", shape.Case.Method);
        Assert.Equal([new("Completion", "ResponseHeadersRead"), new("BodyBytes", "1024")], shape.Case.Parameters);
        Assert.Equal("DisposeDrainBenchmarks.Undisposed_Unread(Completion=ResponseHeadersRead, BodyBytes=1024)", shape.Case.ToString());
    }

    [Theory]
    [InlineData("// Just a comment.\nclass X {}")]
    [InlineData("// Study case: DisposeDrainBenchmarks.Undisposed_Unread.\nclass X {}")]
    [InlineData("// A leak.\n// Study case: not a case.\n")]
    [InlineData("// A leak.\n// Study case: DisposeDrainBenchmarks.Undisposed_Unread(Colour=Blue).\n")]
    public void A_shape_without_a_well_formed_case_line_or_description_is_refused(string source) =>
        Assert.Throws<FormatException>(() => LeakShape.Parse("X", source));

    [Fact]
    public void A_reference_matches_rows_of_its_benchmark_method_and_parameter_values_only()
    {
        var reference = StudyCaseReference.Parse("DisposeDrainBenchmarks.Undisposed_Unread(Completion=ResponseHeadersRead, BodyBytes=1024)");
        var row = Reports.ReportSamples.Leaking with { Method = "Undisposed_Unread" };
        bool Matches(LeakBench.Reports.StudyRow r) => reference.Matches(r.Benchmark, r.Method, r.Case);

        Assert.True(Matches(row));
        Assert.False(Matches(row with { Method = "Disposed_Unread" }));
        Assert.False(Matches(row with { Benchmark = "FramingBenchmarks" }));
        Assert.False(Matches(row with { Case = row.Case with { BodyBytes = 2 * 1024 * 1024 } }));
        Assert.False(Matches(row with { Case = row.Case with { Completion = HttpCompletionOption.ResponseContentRead } }));
    }

    [Fact]
    public void Every_shape_names_a_case_the_study_runs()
    {
        var shapes = LeakShapeCatalog.Read(LeakShapeCatalog.ProjectDirectory!);
        // The cases as the study runs them: every benchmark case of every class, described as the host describes it.
        var cases = StudyCommand.BenchmarkTypes
            .SelectMany(type => BenchmarkConverter.TypeToBenchmarks(type).BenchmarksCases)
            .Select(c => Reports.ReportSamples.Baseline with
            {
                Benchmark = c.Descriptor.Type.Name,
                Method = c.Descriptor.WorkloadMethod.Name,
                Case = CaseCatalog.Of(c),
            })
            .ToList();

        Assert.NotEmpty(shapes);
        foreach (var shape in shapes)
        {
            Assert.True(cases.Count(row => shape.Case.Matches(row.Benchmark, row.Method, row.Case)) == 1, $"shape {shape.Id} names {shape.Case}, which is not exactly one case of the study");
        }
    }

    [Fact]
    public void The_shapes_include_every_form_the_issue_names()
    {
        var ids = LeakShapeCatalog.Read(LeakShapeCatalog.ProjectDirectory!).Select(s => s.Id).ToHashSet();

        Assert.Superset(new HashSet<string>
        {
            "NeverDisposedLocal", "DiscardedResult", "ChainedStatusCode", "ReturnedToCaller", "NewClientPerRequest",
            "NewClientPerRequestUsing", "UsingWithoutReading", "UsingAndReading", "BufferedGet",
        }, ids);
    }
}
