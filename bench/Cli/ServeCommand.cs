using LeakBench.Target;

namespace LeakBench.Cli;

/// <summary><c>serve</c>: the target on its own, for poking at it with curl or another client.</summary>
public static class ServeCommand
{
    public static async Task<int> RunAsync(StudyOptions options)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        TargetServer? server;
        try
        {
            server = await StartUnlessStoppedAsync(options.ServeArguments, stop.Token);
        }
        catch (TargetStartException e)
        {
            // E.g. a non-loopback --address without --allow-remote: the target refuses it and says why in its log.
            Console.Error.WriteLine($"leakbench: {e.Message}");
            return 2;
        }

        using var owned = server;
        if (server is null)
        {
            Console.Error.WriteLine("leakbench: stopped before the target was ready");
            return 130;
        }

        // --seconds counts serving time from the ready line: a slow start must not eat it.
        if (options.ServeSeconds is double seconds)
        {
            stop.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        var u = server.Urls;
        Console.WriteLine(u.ToReadyLine());
        Console.WriteLine($$"""
            The target is running (pid {{u.Pid}}, log {{server.LogPath}}). Try:
              curl -s {{u.Http1}}bytes/1024 | wc -c
              curl -s --raw -i '{{u.Http1}}chunked/10000?chunk=4096' | head
              curl -s --http2-prior-knowledge -o /dev/null -w '%{http_version}\n' {{u.H2c}}bytes/1024
              curl -s {{u.Control}}stats
            Ctrl+C stops it.
            """);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        Console.WriteLine("leakbench: target stopped");
        return 0;
    }

    private static async Task<TargetServer?> StartUnlessStoppedAsync(IReadOnlyList<string> arguments, CancellationToken stop)
    {
        try
        {
            return await TargetServer.StartAsync(new TargetServerOptions { Arguments = arguments }, stop);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
