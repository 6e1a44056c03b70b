using LeakBench.Cli;
using LeakBench.Statistics;

namespace LeakBench.Tests.Compare;

public sealed class CompareOptionsTests
{
    [Fact]
    public void Compare_takes_two_runs_a_margin_in_percent_and_a_csv_file()
    {
        var o = StudyOptions.Parse(["compare", "results/x", "artifacts/study-1", "--margin", "2.5", "--csv", "c.csv"]);

        Assert.Null(o.Error);
        Assert.Equal("compare", o.Command);
        Assert.Equal(["results/x", "artifacts/study-1"], o.CompareRuns);
        Assert.Equal(0.025, o.Margin, 12);
        Assert.Equal("c.csv", o.CompareCsv);
    }

    [Fact]
    public void Without_options_the_margin_is_the_case_verdicts_and_no_csv_is_written()
    {
        var o = StudyOptions.Parse(["compare", "a", "b"]);

        Assert.Null(o.Error);
        Assert.Equal(PracticalMargin.Default, o.Margin);
        Assert.Null(o.CompareCsv);
    }

    [Theory]
    [InlineData("compare")]
    [InlineData("compare", "a")]
    [InlineData("compare", "a", "b", "c")]
    [InlineData("compare", "a", "b", "--margin", "100")]
    [InlineData("compare", "a", "b", "--margin", "-1")]
    [InlineData("compare", "a", "b", "--margin", "five")]
    [InlineData("compare", "a", "b", "--csv")]
    [InlineData("compare", "a", "b", "--full")]
    public void Bad_arguments_are_an_error(params string[] args)
    {
        Assert.NotNull(StudyOptions.Parse(args).Error);
    }

    [Fact]
    public void Compare_is_a_command_with_its_own_help()
    {
        Assert.Contains("compare", StudyOptions.Commands);
        var help = StudyOptions.UsageOf("compare");
        Assert.Contains("--margin", help, StringComparison.Ordinal);
        Assert.Contains("--csv", help, StringComparison.Ordinal);
        Assert.True(StudyOptions.Parse(["compare", "--help"]).ShowHelp);
    }
}
