extern alias server;

using System.Net;
using server::LeakBench.Server;

namespace LeakBench.Tests.Target;

public sealed class ServerOptionsTests
{
    [Fact]
    public void Defaults_bind_loopback_on_free_ports()
    {
        var o = ServerOptions.Parse([]);

        Assert.Null(o.Error);
        Assert.Equal(IPAddress.Loopback, o.Address);
        Assert.Equal(0, o.Http1Port);
        Assert.Equal(ServerOptions.DefaultMaxSize, o.MaxSize);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("192.0.2.1")]
    [InlineData("::")]
    public void A_non_loopback_address_is_refused_without_allow_remote(string address)
    {
        var o = ServerOptions.Parse(["--address", address]);

        Assert.NotNull(o.Error);
        Assert.Contains("--allow-remote", o.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_loopback_address_is_accepted_with_allow_remote()
    {
        var o = ServerOptions.Parse(["--address", "0.0.0.0", "--allow-remote"]);

        Assert.Null(o.Error);
        Assert.Equal(IPAddress.Any, o.Address);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.2")]
    [InlineData("::1")]
    public void Loopback_addresses_need_nothing_more(string address) =>
        Assert.Null(ServerOptions.Parse(["--address", address]).Error);

    [Theory]
    [InlineData("--port", "-1")]
    [InlineData("--port", "65536")]
    [InlineData("--port", "x")]
    [InlineData("--port")]
    [InlineData("--address", "not-an-ip")]
    [InlineData("--parent-pid", "0")]
    [InlineData("--max-size", "-3")]
    [InlineData("--frobnicate")]
    public void Bad_input_is_an_error_not_an_exception(params string[] args) =>
        Assert.NotNull(ServerOptions.Parse(args).Error);

    [Fact]
    public void Fixed_ports_must_differ() =>
        Assert.NotNull(ServerOptions.Parse(["--port", "5000", "--h2c-port", "5000"]).Error);
}
