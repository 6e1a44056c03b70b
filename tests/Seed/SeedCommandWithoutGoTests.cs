using LeakBench.Cli;
using LeakBench.Reports;
using LeakBench.Seed;
using LeakBench.Tests.Support;
using LeakBench.Target;

namespace LeakBench.Tests.Seed;

/// <summary>The whole seed command, run as a user would, with a PATH on which there is no go.</summary>
[Trait("Category", "Slow")]
public sealed class SeedCommandWithoutGoTests
{
    [Fact]
    public async Task Seed_with_no_go_on_PATH_succeeds_says_go_not_installed_and_writes_its_files()
    {
        var separator = Path.PathSeparator;
        var path = string.Join(separator, (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(separator, StringSplitOptions.RemoveEmptyEntries)
            .Where(dir => GoToolchain.Find(dir) is null));
        Assert.Null(GoToolchain.Find(path));
        var output = Path.Combine(Path.GetTempPath(), $"leakbench-seed-nogo-{Guid.NewGuid():N}");
        try
        {
            var run = await ProcessRunner.RunAsync(
                DotnetHost.Path,
                [typeof(SeedCommand).Assembly.Location, "seed", "--out", output],
                TimeSpan.FromMinutes(3),
                environment: new Dictionary<string, string?> { ["PATH"] = path });

            Assert.True(run.ExitCode == 0, run.All);
            Assert.Contains(GoToolchain.NotInstalled, run.StdOut, StringComparison.Ordinal);
            Assert.Contains("| testFun1 |", run.StdOut, StringComparison.Ordinal);
            Assert.Contains("## What this shows", run.StdOut, StringComparison.Ordinal);
            foreach (var file in new[] { "seed.md", "seed.csv", "seed.json" })
            {
                Assert.True(File.Exists(Path.Combine(output, file)), $"{file} missing; output:{Environment.NewLine}{run.All}");
                Assert.Contains($"wrote {Path.Combine(output, file)}", run.StdOut, StringComparison.Ordinal);
            }

            var csv = CsvTable.Read(Path.Combine(output, "seed.csv"))!;
            Assert.Equal(SeedCsv.Header, csv.Header);
            Assert.Equal(8, csv.Records.Count);
            Assert.All(csv.Records, r => Assert.Equal(("go not installed", "", ""), (csv.Field(r, "go_version"), csv.Field(r, "go_goroutines_count"), csv.Field(r, "go_connections_established_count"))));
            var json = SeedJson.Read(File.ReadAllText(Path.Combine(output, "seed.json")));
            Assert.Equal(GoToolchain.NotInstalled, json!.GoStatus);
            Assert.Null(json.GoVersion);
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }
}
