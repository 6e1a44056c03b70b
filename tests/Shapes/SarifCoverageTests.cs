using LeakBench.Shapes;

namespace LeakBench.Tests.Shapes;

/// <summary>Known answers for reading the compiler's SARIF 2.1 log and turning it into per-shape rules.</summary>
public sealed class SarifCoverageTests
{
    // The shape of the C# compiler's log (-p:ErrorLog=file,version=2.1), cut down to what is read.
    private const string Log = """
        {
          "$schema": "http://json.schemastore.org/sarif-2.1.0",
          "version": "2.1.0",
          "runs": [
            {
              "results": [
                { "ruleId": "IDISP001", "level": "warning", "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///repo/tests/LeakShapes/Shapes/NeverDisposedLocal.cs" }, "region": { "startLine": 11, "startColumn": 9 } } } ] },
                { "ruleId": "CA2000", "level": "warning", "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///repo/tests/LeakShapes/Shapes/NewClientPerRequest.cs" }, "region": { "startLine": 9 } } } ] },
                { "ruleId": "IDISP014", "level": "warning", "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///repo/tests/LeakShapes/Shapes/NewClientPerRequest.cs" }, "region": { "startLine": 9 } } } ] },
                { "ruleId": "IDISP001", "level": "warning", "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///repo/tests/LeakShapes/Shapes/NewClientPerRequest.cs" }, "region": { "startLine": 9 } } } ] },
                { "ruleId": "CA2000", "level": "warning", "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///repo/tests/LeakShapes/Shapes/NewClientPerRequest.cs" }, "region": { "startLine": 12 } } } ] },
                { "ruleId": "CS8602", "level": "warning", "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///repo/tests/LeakShapes/Shapes/NeverDisposedLocal.cs" }, "region": { "startLine": 12 } } } ] },
                { "ruleId": "IDISP004", "level": "warning", "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///repo/tests/LeakShapes/Helpers/NeverDisposedLocal.cs" }, "region": { "startLine": 3 } } } ] },
                { "ruleId": "CA1050", "level": "warning" }
              ]
            }
          ]
        }
        """;

    private static readonly IReadOnlyList<LeakShape> Shapes =
    [
        new("NeverDisposedLocal", "A local.", StudyCaseReference.Parse("DisposeDrainBenchmarks.Undisposed_Unread")),
        new("NewClientPerRequest", "A client per request.", StudyCaseReference.Parse("LifetimeBenchmarks.Disposed_ReadToEnd(Lifetime=PerRequestUndisposed)")),
        new("DiscardedResult", "Discarded.", StudyCaseReference.Parse("DisposeDrainBenchmarks.Undisposed_Unread")),
    ];

    [Fact]
    public void The_log_gives_each_result_its_rule_local_file_and_line()
    {
        var results = SarifLog.Read(Log);

        Assert.Equal(8, results.Count);
        Assert.Equal(new SarifResult("IDISP001", "/repo/tests/LeakShapes/Shapes/NeverDisposedLocal.cs", 11), results[0]);
        Assert.Equal(new SarifResult("CA1050", null, 0), results[^1]);
    }

    [Fact]
    public void A_version_1_log_or_no_json_is_refused()
    {
        Assert.Throws<FormatException>(() => SarifLog.Read("""{ "version": "1.0.0", "issues": [] }"""));
        Assert.Throws<FormatException>(() => SarifLog.Read("not json"));
    }

    [Fact]
    public void Each_shape_gets_the_distinct_analyzer_rules_of_its_own_file_only()
    {
        var coverage = ShapeCoverage.From(Shapes, SarifLog.Read(Log), ["IDisposableAnalyzers 4.0.8"]);

        Assert.Null(coverage.NotRun);
        // CS8602 is the compiler's, not an analyzer's; the IDISP004 is in a file outside Shapes/.
        Assert.Equal(["IDISP001"], coverage.RulesOf(Shapes[0]));
        Assert.Equal(["CA2000", "IDISP001", "IDISP014"], coverage.RulesOf(Shapes[1]));
        Assert.Empty(coverage.RulesOf(Shapes[2]));
    }
}
