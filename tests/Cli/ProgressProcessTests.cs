using System.Text.RegularExpressions;
using LeakBench.Tests.Benchmarks;
using LeakBench.Tests.Faults;

namespace LeakBench.Tests.Cli;

/// <summary>A tiny study into a pipe, as CI runs it: one "[i/N]" line per case, and none of BenchmarkDotNet's log.</summary>
[Collection(nameof(OneBenchmarkRunAtATime))]
[Trait("Category", "Slow")]
public sealed class ProgressProcessTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("leakbench-progress-").FullName;

    [Fact]
    public async Task Into_a_pipe_the_study_prints_a_line_per_case_and_its_log_goes_to_the_run_folder()
    {
        var run = Path.Combine(_folder, "run");
        using var study = StudyProcess.Start(FaultTests.SmallStudy(run));

        Assert.Equal(0, await study.WaitForExitAsync(TimeSpan.FromMinutes(10)));

        var progress = study.StdOut.Where(l => l.StartsWith('[')).ToList();
        Assert.Equal(3, progress.Count);
        for (var i = 0; i < progress.Count; i++)
        {
            Assert.Matches($@"^\[{i + 1}/3\] Framing: .+ · 204 empty \(\d+:\d\d\)$", progress[i]);
        }

        // BenchmarkDotNet's log lines ("// Benchmark: ...", "WorkloadActual", its summary table) are in its log file only.
        var all = study.StdOut.Concat(study.StdErr).ToList();
        Assert.DoesNotContain(all, l => l.StartsWith("//", StringComparison.Ordinal) || l.Contains("WorkloadActual", StringComparison.Ordinal) || l.StartsWith('|'));
        Assert.All(study.StdOut.Where(l => l.Length > 0), l => Assert.Matches(@"^(leakbench: |\[\d/3\] )", l));
        Assert.Contains(study.StdOut, l => l.StartsWith("leakbench: report ", StringComparison.Ordinal));
        var log = Assert.Single(Directory.GetFiles(Path.Combine(run, "bdn"), "*.log"));
        Assert.Contains(File.ReadLines(log), l => l.StartsWith("// Benchmark: ", StringComparison.Ordinal));
        Assert.Equal(3, Regex.Count(await File.ReadAllTextAsync(log), "^// Benchmark: ", RegexOptions.Multiline));
        StudyProcess.AssertNothingLeft(await study.LeftBehindAsync(TimeSpan.FromSeconds(10)));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
