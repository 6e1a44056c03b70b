using System.Text.RegularExpressions;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using LeakBench.Benchmarks;
using LeakBench.Cli;

namespace LeakBench.Tests.Cli;

/// <summary>The study's progress: its words and estimate as known answers, and what it writes for each event.</summary>
public sealed class ProgressTests
{
    [Theory]
    [InlineData(0, 0, "0:00")]
    [InlineData(0, 42.9, "0:42")]
    [InlineData(12, 5, "12:05")]
    [InlineData(62, 3, "1:02:03")]
    [InlineData(600, 0, "10:00:00")]
    public void Durations_read_as_a_clock(int minutes, double seconds, string expected)
    {
        Assert.Equal(expected, ProgressText.Duration(TimeSpan.FromMinutes(minutes) + TimeSpan.FromSeconds(seconds)));
    }

    [Theory]
    [InlineData(60, 0, 3, 10, 140.0)] // 20 s a case, 7 to go, the next one just started
    [InlineData(60, 5, 3, 10, 135.0)] // 5 s into it: counts down
    [InlineData(60, 30, 3, 10, 120.0)] // past the average: the 6 cases after it stay
    [InlineData(90, 0, 1, 4, 270.0)]
    [InlineData(600, 10, 111, 111, 0.0)] // all done
    [InlineData(300, 0, 5, 3, 0.0)] // more done than announced (a total that was low): nothing left, never negative
    public void What_is_left_is_the_average_case_times_the_cases_to_go_less_the_current_cases_time(double untilLastEnd, double sinceLastEnd, int done, int total, double expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), ProgressText.Remaining(TimeSpan.FromSeconds(untilLastEnd), TimeSpan.FromSeconds(sinceLastEnd), done, total));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(3, 0)]
    public void Before_a_case_ends_there_is_no_estimate(int done, int total)
    {
        Assert.Null(ProgressText.Remaining(TimeSpan.FromSeconds(30), TimeSpan.Zero, done, total));
    }

    [Fact]
    public void The_live_line_says_done_of_all_elapsed_what_is_left_and_the_case_within_the_width()
    {
        Assert.Equal(
            "[12/111] 3:10, ~8:20 left · running DisposeDrain: disposed · read to end · HeadersRead · 1 KiB",
            ProgressText.LiveLine(12, 111, "DisposeDrain: disposed · read to end · HeadersRead · 1 KiB", TimeSpan.FromSeconds(190), TimeSpan.FromSeconds(500), 200));
        Assert.Equal("[0/111] 0:41 · building the benchmarks", ProgressText.LiveLine(0, 111, null, TimeSpan.FromSeconds(41), null, 80));
        Assert.Equal("[0/?] 0:02 · starting BenchmarkDotNet", ProgressText.LiveLine(0, 0, null, TimeSpan.FromSeconds(2), null, 80));
        Assert.Equal("[111/111] 6:02 · all cases run", ProgressText.LiveLine(111, 111, "Lifetime: x", TimeSpan.FromSeconds(362), TimeSpan.Zero, 80));
        Assert.Equal("[12/111] 3:10, ~8:20 left · runn…", ProgressText.LiveLine(12, 111, "Framing: x", TimeSpan.FromSeconds(190), TimeSpan.FromSeconds(500), 33));
        Assert.Equal(33, ProgressText.LiveLine(12, 111, new string('x', 500), TimeSpan.FromSeconds(190), TimeSpan.FromSeconds(500), 33).Length);
    }

    [Fact]
    public void A_finished_case_reads_as_its_index_of_all_its_name_and_the_elapsed_time()
    {
        Assert.Equal("[3/111] Framing: undisposed · unread · HeadersRead · 204 empty (1:02)", ProgressText.FinishedLine(3, 111, "Framing: undisposed · unread · HeadersRead · 204 empty", TimeSpan.FromSeconds(62.7)));
    }

    [Fact]
    public void A_case_is_named_by_its_class_and_label()
    {
        var c = Case("Disposed_ReadToEnd", "ResponseHeadersRead", "1024");

        Assert.Equal("DisposeDrain: disposed · read to end · HeadersRead · 1 KiB", StudyProgress.NameOf(c));
    }

    [Fact]
    public void Into_a_pipe_each_finished_case_is_one_line_and_BenchmarkDotNets_log_is_not_shown()
    {
        var cases = Cases();
        using var output = new StringWriter();
        using var errors = new StringWriter();
        using var progress = new StudyProgress(output, errors, live: false, () => 80);

        progress.OnStartBuildStage([Partition(cases)]);
        progress.WriteLine(LogKind.Info, "// ***** BenchmarkRunner: Start   *****");
        progress.OnStartRunStage();
        foreach (var c in cases)
        {
            progress.OnStartRunBenchmark(c);
            progress.WriteLine(LogKind.Default, "WorkloadActual   1: 200 op, 123 ns");
            progress.OnEndRunBenchmark(c, null!); // the report is not read
        }

        progress.OnEndRunStage();

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(cases.Count, lines.Length);
        for (var i = 0; i < cases.Count; i++)
        {
            Assert.Matches($@"^\[{i + 1}/{cases.Count}\] {Regex.Escape(StudyProgress.NameOf(cases[i]))} \(\d+:\d\d\)$", lines[i]);
        }

        Assert.Empty(errors.ToString());
    }

    [Fact]
    public void On_a_terminal_one_line_is_redrawn_in_place_and_an_error_goes_above_it()
    {
        var cases = Cases();
        using var output = new StringWriter();
        using var errors = new StringWriter();
        using var progress = new StudyProgress(output, errors, live: true, () => 300);

        progress.OnStartBuildStage([Partition(cases)]);
        progress.WriteLine(LogKind.Error, "error CS1002: ; expected");
        progress.OnStartRunStage();
        progress.OnStartRunBenchmark(cases[0]);
        progress.OnEndRunBenchmark(cases[0], null!);
        progress.WriteLine(LogKind.Error, "No Workload Results were obtained from the run."); // a case not timed on purpose: its log only
        progress.OnStartRunBenchmark(cases[1]);
        progress.Finish();
        progress.OnEndRunBenchmark(cases[1], null!); // after Finish: nothing more is drawn

        var text = output.ToString();
        Assert.EndsWith(Environment.NewLine, text, StringComparison.Ordinal); // the last line stays, ended
        Assert.DoesNotContain('\n', text.TrimEnd()); // never a new line until the end: every draw starts with "\r"
        var draws = text.TrimEnd().Split('\r', StringSplitOptions.RemoveEmptyEntries).Select(d => d.TrimEnd()).Where(d => d.Length > 0).ToList();
        Assert.Matches(@"^\[0/2\] \d+:\d\d · building the benchmarks$", draws[0]);
        Assert.Contains(draws, d => Regex.IsMatch(d, $@"^\[0/2\] \d+:\d\d · running {Regex.Escape(StudyProgress.NameOf(cases[0]))}$"));
        Assert.Contains(draws, d => Regex.IsMatch(d, $@"^\[1/2\] \d+:\d\d, ~\d+:\d\d left · running {Regex.Escape(StudyProgress.NameOf(cases[0]))}$"));
        Assert.Matches($@"^\[1/2\] \d+:\d\d, ~\d+:\d\d left · running {Regex.Escape(StudyProgress.NameOf(cases[1]))}$", draws[^1]);
        Assert.Equal("leakbench: BenchmarkDotNet: error CS1002: ; expected" + Environment.NewLine, errors.ToString());
    }

    private static List<BenchmarkCase> Cases() =>
        [Case("Disposed_ReadToEnd", "ResponseHeadersRead", "1024"), Case("Undisposed_Unread", "ResponseHeadersRead", "1024")];

    private static BenchmarkCase Case(string method, string completion, string bodyBytes) =>
        BenchmarkConverter.TypeToBenchmarks(typeof(DisposeDrainBenchmarks)).BenchmarksCases.Single(c =>
            c.Descriptor.WorkloadMethod.Name == method
            && c.Parameters.Items.Any(p => p.Name == "Completion" && p.Value.ToString() == completion)
            && c.Parameters.Items.Any(p => p.Name == "BodyBytes" && p.Value.ToString() == bodyBytes));

    private static BuildPartition Partition(IReadOnlyList<BenchmarkCase> cases) =>
        new([.. cases.Select((c, i) => new BenchmarkBuildInfo(c, c.Config, i))], BenchmarkDotNet.Environments.EnvironmentResolver.Instance);
}
