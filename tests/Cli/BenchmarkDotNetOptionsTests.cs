using BenchmarkDotNet.ConsoleArguments.ListBenchmarks;
using BenchmarkDotNet.Jobs;
using LeakBench.Cli;

namespace LeakBench.Tests.Cli;

public sealed class BenchmarkDotNetOptionsTests
{
    [Fact]
    public void No_options_change_nothing()
    {
        var o = BenchmarkDotNetOptions.Parse([], out var error);

        Assert.Null(error);
        Assert.NotNull(o);
        Assert.False(o.ReplacesJob);
        Assert.Empty(o.Config.GetJobs());
        Assert.Equal(ListBenchmarkCaseMode.Disabled, o.List);
    }

    [Fact]
    public void Job_short_replaces_the_study_job_with_BenchmarkDotNets_ShortRun()
    {
        var o = BenchmarkDotNetOptions.Parse(["--job", "short"], out _);

        Assert.True(o!.ReplacesJob);
        Assert.Equal(Job.ShortRun, o.Job);
    }

    [Fact]
    public void Iteration_count_is_a_mutator_that_applies_to_the_study_job()
    {
        var o = BenchmarkDotNetOptions.Parse(["--iterationCount", "5"], out _);

        Assert.False(o!.ReplacesJob);
        Assert.Equal(5, Assert.Single(o.Mutators).Run.IterationCount);
    }

    [Theory]
    [InlineData("flat", ListBenchmarkCaseMode.Flat)]
    [InlineData("tree", ListBenchmarkCaseMode.Tree)]
    public void List_is_read(string mode, ListBenchmarkCaseMode expected) =>
        Assert.Equal(expected, BenchmarkDotNetOptions.Parse(["--list", mode], out _)!.List);

    [Theory]
    [InlineData("--inProcess")]
    [InlineData("-i")]
    [InlineData("--inprocess")]
    [InlineData("-r", "net8.0")]
    [InlineData("--artifacts", "/tmp")]
    [InlineData("--cli", "/bin/sh")]
    [InlineData("--info")]
    public void Options_that_bypass_the_census_the_run_folder_or_the_local_runtimes_are_refused(params string[] args)
    {
        Assert.Null(BenchmarkDotNetOptions.Parse(args, out var error));
        Assert.Matches("^--[A-Za-z/-]+ is not available in LeakBench: .+", error);
    }

    [Fact]
    public void An_option_neither_side_knows_is_one_line_naming_it()
    {
        Assert.Null(BenchmarkDotNetOptions.Parse(["--nope"], out var error));
        Assert.Equal("unknown option '--nope' (neither LeakBench nor BenchmarkDotNet takes it; run with --help)", error);
    }
}
