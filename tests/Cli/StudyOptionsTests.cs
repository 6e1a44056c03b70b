using LeakBench.Cli;

namespace LeakBench.Tests.Cli;

public sealed class StudyOptionsTests
{
    [Fact]
    public void No_arguments_is_the_quick_study()
    {
        var o = StudyOptions.Parse([]);

        Assert.Null(o.Error);
        Assert.Equal("study", o.Command);
        Assert.False(o.Full);
        Assert.Equal(StudyOptions.QuickCensusRequests, o.CensusRequests);
    }

    [Fact]
    public void Full_uses_the_publishing_census_size_unless_requests_overrides_it()
    {
        Assert.Equal(StudyOptions.PublishCensusRequests, StudyOptions.Parse(["--full"]).CensusRequests);
        Assert.Equal(300, StudyOptions.Parse(["--full", "--requests", "300"]).CensusRequests);
    }

    [Fact]
    public void Commands_filters_and_runtimes_parse()
    {
        var o = StudyOptions.Parse(["study", "--filter", "*Framing*", "--filter", "*Dispose*", "--runtimes", "net8.0", "net10.0", "--out", "x", "--publish"]);

        Assert.Null(o.Error);
        Assert.Equal(["*Framing*", "*Dispose*"], o.Filters);
        Assert.Equal(["net8.0", "net10.0"], o.Runtimes);
        Assert.Equal("x", o.OutputDirectory);
        Assert.True(o.Publish);
        Assert.Equal("serve", StudyOptions.Parse(["serve", "--seconds", "2.5"]).Command);
        Assert.Equal(2.5, StudyOptions.Parse(["serve", "--seconds", "2.5"]).ServeSeconds);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("--nope")]
    [InlineData("--requests")]
    [InlineData("--requests", "0")]
    [InlineData("--requests", "ten")]
    [InlineData("--filter")]
    [InlineData("--runtimes")]
    [InlineData("--runtimes", "java17")]
    [InlineData("--out")]
    [InlineData("serve", "--seconds", "-1")]
    public void Bad_input_is_an_error_with_a_message(params string[] args)
    {
        var error = StudyOptions.Parse(args).Error;

        Assert.False(string.IsNullOrWhiteSpace(error));
    }
}
