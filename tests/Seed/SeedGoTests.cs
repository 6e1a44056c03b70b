using LeakBench.Seed;
using LeakBench.Tests.Support;

namespace LeakBench.Tests.Seed;

/// <summary>
/// The Go side: the article's own program, each test in its own process against a real target. Without go on
/// PATH the test is skipped with the reason (the seed's own "go not installed" path is
/// <see cref="SeedCommandWithoutGoTests"/>'s).
/// </summary>
[Trait("Category", "Slow")]
public sealed class SeedGoTests(TargetFixture target) : IClassFixture<TargetFixture>
{
    [SkippableFact]
    public async Task Article_program_gives_11_1_3_3_goroutines_on_go1_19()
    {
        var goExecutable = GoToolchain.Find();
        Skip.If(goExecutable is null, "go is not on PATH: the article's Go program cannot be built (install golang-go; .ci/run does)");
        var go = await GoToolchain.VersionAsync(goExecutable);

        var build = Path.Combine(Path.GetTempPath(), $"leakbench-seed-go-test-{Guid.NewGuid():N}");
        try
        {
            var binary = await GoToolchain.BuildAsync(goExecutable, build);
            var runs = new List<GoMeasurement>();
            foreach (var test in ArticleTest.All)
            {
                runs.Add(await GoSeedRunner.RunTestAsync(binary, test, SeedRunner.SmallBody, target.Urls.Http1));
            }

            Assert.All(runs, r => Assert.Equal(go, r.Version));
            var goroutines = runs.Select(r => r.Goroutines).ToArray();
            var connections = runs.Select(r => r.Connections).ToArray();
            if (go.StartsWith("go1.19", StringComparison.Ordinal))
            {
                // The article's table, on the Go it was written for.
                Assert.Equal([11, 1, 3, 3], goroutines);
                Assert.Equal([5, 0, 1, 1], connections);
            }
            else
            {
                // Another Go: testFun2 may differ (Go 1.27 drains small bodies on Close), the others may not.
                Assert.Equal((11, 3, 3), (goroutines[0], goroutines[2], goroutines[3]));
                Assert.Equal((5, 1, 1), (connections[0], connections[2], connections[3]));
            }

            Assert.All(runs, r => Assert.Equal((2 * r.Connections) + 1, r.Goroutines));
        }
        finally
        {
            if (Directory.Exists(build))
            {
                Directory.Delete(build, recursive: true);
            }
        }
    }
}
