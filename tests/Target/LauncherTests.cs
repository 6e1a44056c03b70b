using System.Diagnostics;
using LeakBench.Target;

namespace LeakBench.Tests.Target;

/// <summary>The launcher that starts the target from the benchmark side.</summary>
public sealed class LauncherTests
{
    [Fact]
    [Trait("Category", "Slow")] // starts the target
    public async Task Starts_within_the_timeout_and_announces_loopback_urls()
    {
        using var server = await TargetServer.StartAsync(new TargetServerOptions { ReadyTimeout = TimeSpan.FromSeconds(30) });

        Assert.Equal("127.0.0.1", server.Urls.Http1.Host);
        Assert.Equal("127.0.0.1", server.Urls.H2c.Host);
        Assert.Equal("127.0.0.1", server.Urls.Control.Host);
        Assert.Equal(server.ProcessId, server.Urls.Pid);
        Assert.Equal(3, new[] { server.Urls.Http1.Port, server.Urls.H2c.Port, server.Urls.Control.Port }.Distinct().Count());
    }

    [Fact]
    [Trait("Category", "Slow")] // starts the target
    public async Task Stats_count_one_connection_and_one_request_after_one_request_on_a_fresh_target()
    {
        using var server = await TargetServer.StartAsync();
        var before = await server.ReadStatsAsync();
        using (var client = new HttpClient(new SocketsHttpHandler()))
        using (var response = await client.GetAsync(new Uri(server.Urls.Http1, "/bytes/100")))
        {
            response.EnsureSuccessStatusCode();
            var during = await server.ReadStatsAsync();
            Assert.Equal(1, during.Http1.ActiveConnections);
        }

        var after = await server.ReadStatsAsync();

        Assert.Equal(0, before.Http1.ConnectionsAccepted);
        Assert.Equal(1, after.Http1.ConnectionsAccepted);
        Assert.Equal(1, after.Http1.RequestsServed);
        Assert.Equal(0, after.H2c.ConnectionsAccepted);
    }

    [Fact]
    [Trait("Category", "Slow")] // starts the target
    public async Task Reset_zeroes_the_cumulative_counts()
    {
        using var server = await TargetServer.StartAsync();
        using (var client = new HttpClient(new SocketsHttpHandler()))
        {
            for (var i = 0; i < 3; i++)
            {
                using var response = await client.GetAsync(new Uri(server.Urls.Http1, "/bytes/10"));
                response.EnsureSuccessStatusCode();
            }
        }

        Assert.Equal(3, (await server.ReadStatsAsync()).Http1.RequestsServed);
        await server.ResetStatsAsync();
        var reset = await server.ReadStatsAsync();

        Assert.Equal(0, reset.Http1.RequestsServed);
        Assert.Equal(0, reset.Http1.ConnectionsAccepted);
    }

    [Fact]
    [Trait("Category", "Slow")] // starts the target
    public async Task After_dispose_the_process_is_gone()
    {
        var server = await TargetServer.StartAsync();
        var pid = server.ProcessId;
        Assert.True(IsRunning(pid));

        server.Dispose();

        Assert.False(IsRunning(pid));
    }

    [Fact]
    [Trait("Category", "Slow")] // starts the target
    public async Task A_target_that_never_gets_ready_fails_with_a_clear_error_naming_its_log()
    {
        var options = new TargetServerOptions
        {
            Executable = "/bin/sh",
            Arguments = ["-c", "echo 'starting but never ready'; exec sleep 61"],
            ReadyTimeout = TimeSpan.FromSeconds(2),
        };

        var e = await Assert.ThrowsAsync<TargetStartException>(() => TargetServer.StartAsync(options));

        Assert.Contains("did not print its ready line", e.Message, StringComparison.Ordinal);
        Assert.Contains("leakbench-server-", e.Message, StringComparison.Ordinal);
        Assert.Contains("starting but never ready", e.Message, StringComparison.Ordinal);
        var logPath = e.Message.Split("its log: ")[1].Split(Environment.NewLine)[0].Trim();
        Assert.True(File.Exists(logPath), logPath);
        Assert.DoesNotContain(Process.GetProcessesByName("sleep"), p => IsChildOfThisTest(p) && File.ReadAllText($"/proc/{p.Id}/cmdline").Contains("61", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Category", "Slow")] // starts the target
    public async Task A_target_that_exits_early_fails_with_its_exit_code_and_output()
    {
        var options = new TargetServerOptions { Arguments = ["--address", "192.0.2.1"] };

        var e = await Assert.ThrowsAsync<TargetStartException>(() => TargetServer.StartAsync(options));

        Assert.Contains("exited (code 2)", e.Message, StringComparison.Ordinal);
        Assert.Contains("not a loopback address", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_server_dll_is_a_clear_error()
    {
        var e = await Assert.ThrowsAsync<TargetStartException>(() =>
            TargetServer.StartAsync(new TargetServerOptions { ServerDll = "/nonexistent/LeakBench.Server.dll" }));

        Assert.Contains("is not built", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ready_line_round_trips_and_rejects_other_lines()
    {
        var urls = new TargetUrls(new Uri("http://127.0.0.1:1000"), new Uri("http://127.0.0.1:1001"), new Uri("http://[::1]:1002"), 42);

        Assert.Equal(urls, TargetUrls.TryParseReadyLine(urls.ToReadyLine()));
        Assert.Null(TargetUrls.TryParseReadyLine("leakbench-server: starting"));
        Assert.Null(TargetUrls.TryParseReadyLine("LEAKBENCH_READY http1=http://127.0.0.1:1"));
        Assert.Null(TargetUrls.TryParseReadyLine(null));
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // The sleep the test started was a direct child of this test process; a 'sleep' elsewhere on the machine is not ours.
    private static bool IsChildOfThisTest(Process p)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{p.Id}/stat");
            var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            return parent == Environment.ProcessId;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
