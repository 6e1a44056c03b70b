using System.Net;
using System.Text.Json;
using LeakBench.Server;
using LeakBench.Target;
using Microsoft.AspNetCore.Server.Kestrel.Core;

var options = ServerOptions.Parse(args);
if (options.ShowHelp)
{
    Console.WriteLine(ServerOptions.Usage);
    return 0;
}

if (options.Error is not null)
{
    Console.Error.WriteLine($"leakbench-server: {options.Error}");
    Console.Error.WriteLine("run with --help for the options");
    return 2;
}

Console.WriteLine($"leakbench-server: starting with {options.Describe()}");

using var stats = new KestrelStats();
var connections = new ConnectionTracker();
// Made in memory now, never written anywhere; the control port serves its thumbprint for the client to pin.
using var certificate = TargetCertificate.Create(DateTimeOffset.UtcNow);
var thumbprint = TargetCertificate.Sha256Thumbprint(certificate);
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
// Leaked client connections stay open on the server side; don't wait long for them at shutdown.
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
if (options.ParentPid is not null)
{
    // Started by a study or a test: Ctrl+C reaches this process too, and the parent decides what it means.
    builder.Services.AddSingleton<IHostLifetime, ParentWatcher.Lifetime>();
}


ListenOptions? http1 = null, h2c = null, control = null, https = null;
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Listen(options.Address, options.Http1Port, l => { l.Protocols = HttpProtocols.Http1; l.Use(connections.Track); http1 = l; });
    // HTTP/2 without TLS: clients must use prior knowledge (no upgrade), as the study's h2c cases do.
    kestrel.Listen(options.Address, options.H2cPort, l => { l.Protocols = HttpProtocols.Http2; l.Use(connections.Track); h2c = l; });
    kestrel.Listen(options.Address, options.ControlPort, l => { l.Protocols = HttpProtocols.Http1; control = l; });
    // HTTPS: HTTP/1.1 or HTTP/2, as the client's ALPN asks.
    kestrel.Listen(options.Address, options.HttpsPort, l =>
    {
        l.Protocols = HttpProtocols.Http1AndHttp2;
        // Before UseHttps: the tracker sees the TCP connection, so an abort closes it whatever state its handshake is in.
        l.Use(connections.Track);
        l.UseHttps(certificate);
        https = l;
    });
});

var app = builder.Build();
var ports = new int[4];
string? readyLine = null; // set once Kestrel has bound every port; GET /urls serves it
var json = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = false };

app.Run(async context =>
{
    var localPort = context.Connection.LocalPort;
    if (localPort != ports[2])
    {
        stats.CountRequest(localPort);
        using (stats.InFlight(localPort))
        {
            await Endpoints.HandleAsync(context, options);
        }

        return;
    }

    // The control port: observing the target never opens a connection on a measured port.
    var path = context.Request.Path.Value;
    if (path == "/stats" && HttpMethods.IsGet(context.Request.Method))
    {
        await context.Response.WriteAsJsonAsync(
            // The hosting meter counts this /stats request too: the record excludes it.
            new TargetStats(Environment.ProcessId, PortSnapshot(ports[0]), PortSnapshot(ports[1]), PortSnapshot(ports[3]))
            {
                ActiveRequests = stats.ActiveRequests - 1,
                GcHeapBytes = KestrelStats.GcHeapBytes,
                WorkingSetBytes = KestrelStats.WorkingSetBytes,
            }, json);
    }
    else if (path == TargetTls.ThumbprintPath && HttpMethods.IsGet(context.Request.Method))
    {
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(thumbprint);
    }
    else if (path == TargetUrls.UrlsPath && HttpMethods.IsGet(context.Request.Method))
    {
        // The ready line over the control port, so that a study on another machine needs only the control URL.
        if (readyLine is null)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(readyLine + "\n");
    }
    else if (path == TargetConnections.AbortPath && HttpMethods.IsPost(context.Request.Method))
    {
        // Only the measured ports: the control port's own connection (this request's) is never aborted.
        if (!int.TryParse(context.Request.Query["port"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
            || port == ports[2] || !ports.Contains(port))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync($"POST {TargetConnections.AbortPath}?port=N needs one of the measured ports ({ports[0]}, {ports[1]}, {ports[3]})\n");
            return;
        }

        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(connections.AbortAll(port).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
    else if (path == "/stats/reset" && HttpMethods.IsPost(context.Request.Method))
    {
        stats.Reset();
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }
    else
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        await context.Response.WriteAsync("control endpoints: GET /stats, POST /stats/reset, POST " + TargetConnections.AbortPath + "?port=N, GET /urls, GET " + TargetTls.ThumbprintPath + "\n");
    }
});

try
{
    await app.StartAsync();
}
catch (IOException e)
{
    Console.Error.WriteLine($"leakbench-server: cannot listen: {e.Message}");
    return 1;
}

// Kestrel writes the bound port back into each ListenOptions, which is how port 0 becomes a number.
ports[0] = ((IPEndPoint)http1!.EndPoint).Port;
ports[1] = ((IPEndPoint)h2c!.EndPoint).Port;
ports[2] = ((IPEndPoint)control!.EndPoint).Port;
ports[3] = ((IPEndPoint)https!.EndPoint).Port;

var lifetime = app.Lifetime;
if (options.ParentPid is int parentPid)
{
    ParentWatcher.Watch(parentPid, () =>
    {
        Console.WriteLine($"leakbench-server: parent {parentPid} is gone, stopping");
        lifetime.StopApplication();
    });
}

// Kestrel's counts, with the connections the control port aborted and Kestrel still holds counted apart.
PortStats PortSnapshot(int port)
{
    var snapshot = stats.Snapshot(port);
    var aborted = connections.AbortedStillOpen(port);
    return snapshot with { ActiveConnections = snapshot.ActiveConnections - aborted, AbortedStillOpen = aborted };
}

Uri Url(int port, string scheme = "http") => new UriBuilder(scheme, options.Address.ToString(), port).Uri;
readyLine = new TargetUrls(Url(ports[0]), Url(ports[1]), Url(ports[2]), Environment.ProcessId, Url(ports[3], "https")).ToReadyLine();
Console.WriteLine(readyLine);
Console.Out.Flush();

await app.WaitForShutdownAsync();
Console.WriteLine("leakbench-server: stopped");
return 0;
