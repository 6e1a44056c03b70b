using LeakBench.Cli;
using LeakBench.Target;

namespace LeakBench.Tests.Cli;

/// <summary>--server: which server the study starts.</summary>
public sealed class ServerOptionTests
{
    [Fact]
    public void Kestrel_is_the_default_and_nginx_is_taken()
    {
        Assert.Equal(TargetUrls.Kestrel, StudyOptions.Parse([]).Server);
        Assert.Equal(TargetUrls.Nginx, StudyOptions.Parse(["--server", "nginx"]).Server);
        Assert.Null(StudyOptions.Parse(["--server", "kestrel", "--filter", "*Dispose*"]).Error);
    }

    [Theory]
    [InlineData(new[] { "--server", "apache" }, "--server takes kestrel or nginx, got 'apache'")]
    [InlineData(new[] { "--server", "nginx", "--target", "http://10.0.0.2:5002" }, "--server picks the server the study starts and --target names one started elsewhere: give one")]
    public void Anything_else_is_one_clear_error(string[] args, string error) =>
        Assert.Equal(error, StudyOptions.Parse(args).Error);
}
