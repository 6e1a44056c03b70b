using System.Text.RegularExpressions;
using LeakBench.Reports;
using LeakBench.Tests.Benchmarks;

namespace LeakBench.Tests.Faults;

/// <summary>
/// The faults that need cases measured first: each runs BenchmarkDotNet's build and the Dry job on three cases
/// (minutes on a loaded 2-core machine; bounded at 10).
/// </summary>
[Collection(nameof(OneBenchmarkRunAtATime))]
[Trait("Category", "Slow")]
public sealed class MeasuredRunFaultTests : IDisposable
{
    private static readonly TimeSpan Build = TimeSpan.FromMinutes(10);
    private readonly string _folder = Directory.CreateTempSubdirectory("leakbench-fault-").FullName;

    [Fact]
    public async Task Ctrl_C_after_a_case_keeps_its_report_under_an_INCOMPLETE_banner_exits_130_and_never_publishes()
    {
        var run = Path.Combine(_folder, "run");
        using var study = StudyProcess.Start([.. FaultTests.SmallStudy(run), "--publish"]);

        // Into a pipe, the study prints "[i/N] case (elapsed)" as each case finishes: the first has.
        await study.WaitForLineAsync(l => l.StartsWith("[1/3] ", StringComparison.Ordinal), Build);
        study.SignalGroup("INT");

        Assert.Equal(130, await study.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var banner = Assert.Single(study.StdErr, l => l.Contains("INCOMPLETE", StringComparison.Ordinal));
        Assert.Matches(@"^leakbench: INCOMPLETE: interrupted after [12] of 3 cases; the report of what was measured: .*\(NOT published: the run is incomplete\)$", banner);
        var report = await File.ReadAllTextAsync(Path.Combine(run, StudyReport.MarkdownFile));
        Assert.Matches(@"^> \*\*INCOMPLETE: interrupted after [12] of 3 cases\*\*", report);
        var csvRows = File.ReadAllLines(Path.Combine(run, StudyReport.CsvFile)).Length - 1;
        Assert.Equal(int.Parse(Regex.Match(banner, "after (\\d)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), csvRows);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(run, "census")));
        Assert.DoesNotContain(study.StdOut, l => l.StartsWith("leakbench: published", StringComparison.Ordinal));
        Assert.DoesNotContain(study.StdErr.Concat(study.StdOut), l => l.Contains("Unhandled exception", StringComparison.Ordinal));
        StudyProcess.AssertNothingLeft(await study.LeftBehindAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_full_disk_while_writing_the_report_is_one_line_exit_1_and_keeps_the_census()
    {
        // Without root, a file that links to /dev/full fails its writes with ENOSPC, as a full disk does.
        var run = Directory.CreateDirectory(Path.Combine(_folder, "run")).FullName;
        File.CreateSymbolicLink(Path.Combine(run, StudyReport.MarkdownFile), "/dev/full");
        using var study = StudyProcess.Start(FaultTests.SmallStudy(run));

        Assert.Equal(1, await study.WaitForExitAsync(Build));
        var message = Assert.Single(study.StdErr, l => l.StartsWith("leakbench: a file could not be written", StringComparison.Ordinal));
        Assert.Contains("No space left on device", message, StringComparison.Ordinal);
        Assert.Contains(StudyReport.MarkdownFile, message, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(run, "census")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(run, "bdn", "results")));
        Assert.DoesNotContain(study.StdErr.Concat(study.StdOut), l => l.Contains("Unhandled exception", StringComparison.Ordinal));
        StudyProcess.AssertNothingLeft(await study.LeftBehindAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task The_target_killed_mid_run_fails_the_remaining_cases_exit_1_and_keeps_the_finished_one()
    {
        var run = Path.Combine(_folder, "run");
        using var study = StudyProcess.Start(FaultTests.SmallStudy(run));
        var target = await study.WaitForTargetAsync(TimeSpan.FromSeconds(60));
        await study.WaitForLineAsync(l => l.StartsWith("[1/3] ", StringComparison.Ordinal), Build);

        System.Diagnostics.Process.GetProcessById(target).Kill();

        Assert.Equal(1, await study.WaitForExitAsync(Build));
        Assert.Contains(study.StdErr, l => Regex.IsMatch(l, @"^leakbench: [12] case\(s\) FAILED \(no result\); what was measured is kept:$"));
        Assert.True(File.Exists(Path.Combine(run, StudyReport.MarkdownFile)), "the finished case's report is kept");
        Assert.DoesNotContain(study.StdErr.Concat(study.StdOut), l => l.Contains("Unhandled exception", StringComparison.Ordinal));
        StudyProcess.AssertNothingLeft(await study.LeftBehindAsync(TimeSpan.FromSeconds(10)));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
