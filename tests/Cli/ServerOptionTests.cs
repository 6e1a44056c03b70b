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

    [Fact]
    public void Nginx_timeouts_set_both_timeouts_and_nothing_else()
    {
        var options = StudyOptions.Parse(["--server", "nginx", "--nginx-timeouts", "1"]);

        Assert.Equal(TimeSpan.FromSeconds(1), options.NginxTimeouts);
        Assert.Equal(NginxSettings.Defaults with { KeepaliveTimeout = TimeSpan.FromSeconds(1), SendTimeout = TimeSpan.FromSeconds(1) }, NginxTarget.SettingsOf(options));
        Assert.Equal(NginxSettings.Defaults, NginxTarget.SettingsOf(StudyOptions.Parse(["--server", "nginx"])));
        Assert.Equal(TimeSpan.FromSeconds(1.5), NginxTarget.MinimumSettleOf(options));
        Assert.Equal(TimeSpan.Zero, NginxTarget.MinimumSettleOf(StudyOptions.Parse(["--server", "nginx"])));
    }

    [Theory]
    [InlineData(new[] { "--nginx-timeouts", "1" }, "--nginx-timeouts sets nginx's timeouts: it needs --server nginx")]
    [InlineData(new[] { "--server", "nginx", "--nginx-timeouts", "0" }, "--nginx-timeouts needs a whole number of seconds from 1 to 3600, got '0'")]
    [InlineData(new[] { "--server", "apache" }, "--server takes kestrel or nginx, got 'apache'")]
    [InlineData(new[] { "--server", "nginx", "--target", "http://10.0.0.2:5002" }, "--server picks the server the study starts and --target names one started elsewhere: give one")]
    public void Anything_else_is_one_clear_error(string[] args, string error) =>
        Assert.Equal(error, StudyOptions.Parse(args).Error);
}
