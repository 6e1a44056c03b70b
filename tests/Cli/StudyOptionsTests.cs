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
        Assert.Equal(LeakBench.Config.StudyProfile.Quick.CensusRequests, o.CensusRequests);
    }

    [Fact]
    public void Full_uses_the_publishing_census_size_unless_requests_overrides_it()
    {
        Assert.Equal(LeakBench.Config.StudyProfile.Publish.CensusRequests, StudyOptions.Parse(["--full"]).CensusRequests);
        Assert.Equal(300, StudyOptions.Parse(["--full", "--requests", "300"]).CensusRequests);
    }

    [Fact]
    public void Large_bodies_get_a_smaller_census_unless_requests_sets_every_case()
    {
        Assert.Equal(LeakBench.Config.StudyProfile.Quick.LargeBodyCensusRequests, StudyOptions.Parse([]).LargeBodyCensusRequests);
        Assert.Equal(300, StudyOptions.Parse(["--requests", "300"]).LargeBodyCensusRequests); // --requests is every case's size
        Assert.Equal(LeakBench.Config.StudyProfile.Publish.LargeBodyCensusRequests, StudyOptions.Parse(["--full"]).LargeBodyCensusRequests);
        Assert.Equal(300, StudyOptions.Parse(["--full", "--requests", "300"]).LargeBodyCensusRequests);

        var quick = new LeakBench.Census.CensusSettings { Requests = 500, LargeBodyRequests = 250 };
        Assert.Equal(500, quick.RequestsFor(1_046_528)); // 1022 KiB: under the 1 MiB drain limit, the full census
        Assert.Equal(250, quick.RequestsFor(1024 * 1024));
        Assert.Equal(250, quick.RequestsFor(2 * 1024 * 1024));
        Assert.Equal(500, new LeakBench.Census.CensusSettings { Requests = 500 }.RequestsFor(2 * 1024 * 1024));
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
    [InlineData("--requests")]
    [InlineData("--requests", "0")]
    [InlineData("--requests", "ten")]
    [InlineData("--filter")]
    [InlineData("--runtimes")]
    [InlineData("--runtimes", "java17")]
    [InlineData("--out")]
    [InlineData("serve", "--seconds", "-1")]
    [InlineData("--full", "--quick")]
    [InlineData("seed", "--requests", "5")]
    [InlineData("seed", "--job", "short")]
    [InlineData("serve", "--filter", "x")]
    [InlineData("serve", "--out", "x")]
    public void Bad_input_is_an_error_with_a_message(params string[] args)
    {
        var error = StudyOptions.Parse(args).Error;

        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Margin_and_precision_are_percentages_with_defaults()
    {
        var none = StudyOptions.Parse([]);
        var given = StudyOptions.Parse(["--margin", "10", "--precision", "2.5%"]);

        Assert.Equal(0.05, none.Margin);
        Assert.Null(none.Precision);
        Assert.Null(given.Error);
        Assert.Equal(0.10, given.Margin, 12);
        Assert.Equal(0.025, given.Precision!.Value, 12);
    }

    [Theory]
    [InlineData("--margin", "0", "--margin needs a percentage from 0.1 to 50")]
    [InlineData("--margin", "five", "--margin needs a percentage from 0.1 to 50")]
    [InlineData("--margin", "75", "--margin needs a percentage from 0.1 to 50")]
    [InlineData("--precision", "0.01", "--precision needs a percentage from 0.1 to 50")]
    [InlineData("--precision", "NaN", "--precision needs a percentage from 0.1 to 50")]
    public void Margin_and_precision_out_of_range_are_errors_that_say_the_range(string option, string value, string expected)
    {
        var options = StudyOptions.Parse([option, value]);

        Assert.StartsWith(expected, options.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void What_LeakBench_does_not_own_goes_to_BenchmarkDotNet_in_order()
    {
        var o = StudyOptions.Parse(["--filter", "*A*", "*B*", "--list", "flat", "--requests", "7", "--job", "short", "--iterationCount", "5"]);

        Assert.Null(o.Error);
        Assert.Equal(["*A*", "*B*"], o.Filters);
        Assert.Equal(7, o.CensusRequests);
        Assert.Equal(["--list", "flat", "--job", "short", "--iterationCount", "5"], o.BenchmarkDotNetArguments);
    }

    [Fact]
    public void Seed_and_serve_name_what_they_take_when_refusing()
    {
        Assert.Equal("seed: unknown option or argument '--requests' (seed takes --out)", StudyOptions.Parse(["seed", "--requests", "5"]).Error);
        Assert.Equal("serve: unknown option or argument '--filter' (serve takes --seconds, --address, --allow-remote, --port, --h2c-port, --control-port)", StudyOptions.Parse(["serve", "--filter", "x"]).Error);
    }

    [Fact]
    public void Target_takes_a_control_url_and_serve_passes_its_address_and_ports_to_the_target()
    {
        var study = StudyOptions.Parse(["--target", "http://169.254.7.1:5002", "--filter", "*A*"]);
        Assert.Null(study.Error);
        Assert.Equal(new Uri("http://169.254.7.1:5002/"), study.Target);
        Assert.Empty(study.BenchmarkDotNetArguments);
        Assert.Null(StudyOptions.Parse(["--filter", "*A*"]).Target);

        Assert.StartsWith("--target needs the target's control URL", StudyOptions.Parse(["--target", "169.254.7.1:5002"]).Error, StringComparison.Ordinal);
        Assert.StartsWith("--target needs the target's control URL", StudyOptions.Parse(["--target", "http://169.254.7.1:5002/stats"]).Error, StringComparison.Ordinal);
        Assert.NotNull(StudyOptions.Parse(["seed", "--target", "http://169.254.7.1:5002"]).Error);

        var serve = StudyOptions.Parse(["serve", "--address", "0.0.0.0", "--allow-remote", "--control-port", "5002"]);
        Assert.Null(serve.Error);
        Assert.Equal(["--address", "0.0.0.0", "--allow-remote", "--control-port", "5002"], serve.ServeArguments);
        Assert.Empty(StudyOptions.Parse(["serve"]).ServeArguments);
    }

    [Fact]
    public void The_help_lists_every_own_option_and_where_BenchmarkDotNets_are_documented()
    {
        foreach (var option in new[] { "--full", "--quick", "--requests", "--filter", "--runtimes", "--out", "--seed", "--publish", "--help", "serve", "seed" })
        {
            Assert.Contains(option, StudyOptions.Usage, StringComparison.Ordinal);
        }

        Assert.Contains(StudyOptions.BenchmarkDotNetOptionsUrl, StudyOptions.Usage, StringComparison.Ordinal);
        Assert.Contains("--inProcess", StudyOptions.Usage, StringComparison.Ordinal);
        Assert.Contains("--seconds", StudyOptions.UsageOf("serve"), StringComparison.Ordinal);
        Assert.DoesNotContain("--requests", StudyOptions.UsageOf("seed"), StringComparison.Ordinal);
    }
}
