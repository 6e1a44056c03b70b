using System.Diagnostics;
using LeakBench.Target;
using LeakBench.Tests.Support;

namespace LeakBench.Tests.Target;

/// <summary>The target as a process: it refuses remote binds, never outlives its parent and stops promptly.</summary>
[Trait("Category", "Slow")]
public sealed class ServerProcessTests
{
    [Fact]
    public async Task Refuses_a_non_loopback_address_with_exit_code_2()
    {
        var result = await ProcessRunner.RunAsync("dotnet", [TargetServer.DefaultServerDll, "--address", "0.0.0.0"], TimeSpan.FromSeconds(30));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--allow-remote", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exits_when_its_parent_is_gone()
    {
        using var parent = Process.Start("sleep", "3");
        var server = await TargetServer.StartAsync(new TargetServerOptions
        {
            Executable = "dotnet",
            Arguments = [TargetServer.DefaultServerDll, "--port", "0", "--parent-pid", parent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)],
        });
        using (server)
        {
            using var target = Process.GetProcessById(server.ProcessId);
            await parent.WaitForExitAsync();

            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await target.WaitForExitAsync(deadline.Token);
            Assert.True(target.HasExited);
        }
    }

    [Fact]
    public async Task Stops_within_two_seconds_of_sigterm_even_with_open_connections()
    {
        using var server = await TargetServer.StartAsync();
        using var client = new HttpClient(new SocketsHttpHandler());
        // An unread streamed response keeps its connection open on both sides.
        using var open = await client.GetAsync(new Uri(server.Urls.Http1, "/bytes/4000000"), HttpCompletionOption.ResponseHeadersRead);
        using var target = Process.GetProcessById(server.ProcessId);

        var stopwatch = Stopwatch.StartNew();
        using (Process.Start("kill", ["-TERM", server.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await target.WaitForExitAsync(deadline.Token);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2.5), $"took {stopwatch.Elapsed}");
    }
}
