using LeakBench.Shapes;

namespace LeakBench.Tests.Shapes;

/// <summary>
/// Compiles tests/LeakShapes with the pinned analyzers, as the study does, and holds the coverage table: an analyzer
/// update (or an SDK that slips its own analyzers in) that changes which rule fires on which shape fails here, and the
/// table below and the README's "Would my analyzer catch it?" must then be updated together.
/// </summary>
[Trait("Category", "Slow")]
public sealed class AnalyzerCoverageTests
{
    /// <summary>The rules each shape gets from Microsoft.CodeAnalysis.NetAnalyzers 10.0.401 and IDisposableAnalyzers 4.0.8.</summary>
    private static readonly Dictionary<string, string[]> Expected = new(StringComparer.Ordinal)
    {
        ["BufferedGet"] = ["IDISP001"],
        ["ChainedStatusCode"] = ["IDISP004"],
        // The gap: a discarded awaited response is flagged by neither CA2000 nor IDISP001/IDISP004.
        ["DiscardedResult"] = [],
        ["NeverDisposedLocal"] = ["IDISP001"],
        ["NewClientPerRequest"] = ["CA2000", "IDISP001", "IDISP014"],
        ["NewClientPerRequestUsing"] = ["IDISP014"],
        ["ReadWithoutUsing"] = ["IDISP001"],
        ["ReturnedToCaller"] = ["IDISP001"],
        ["UsingAndReading"] = [],
        ["UsingWithoutReading"] = [],
    };

    [Fact]
    public async Task A_fresh_compile_of_the_shapes_fires_exactly_the_expected_rules()
    {
        var sarif = Path.Combine(Path.GetTempPath(), $"leakbench-shapes-test-{Guid.NewGuid():N}.sarif");
        try
        {
            var coverage = await ShapeCompiler.RunAsync(LeakShapeCatalog.ProjectDirectory, sarif);

            Assert.Null(coverage.NotRun);
            Assert.Equal(["IDisposableAnalyzers 4.0.8", "Microsoft.CodeAnalysis.NetAnalyzers 10.0.401"], coverage.Analyzers);
            var actual = coverage.Shapes.ToDictionary(s => s.Id, s => string.Join(", ", coverage.RulesOf(s)), StringComparer.Ordinal);
            var expected = Expected.ToDictionary(e => e.Key, e => string.Join(", ", e.Value), StringComparer.Ordinal);
            // One line per shape, so a failure shows which shape's coverage changed.
            Assert.Equal(Table(expected), Table(actual));
            // CA2000 is on (the .globalconfig): without it the compile would be no test of CA2000.
            Assert.Contains(coverage.Shapes, s => coverage.RulesOf(s).Contains("CA2000"));
        }
        finally
        {
            File.Delete(sarif);
        }
    }

    private static string Table(Dictionary<string, string> rules) =>
        string.Join("\n", rules.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}: {r.Value}"));
}
