using System.Net.Http.Json;
using System.Text.Json;

namespace LeakBench.Target;

/// <summary>One measured port's counts from the target's <c>GET /stats</c> (Kestrel's own meter).</summary>
public sealed record PortStats(int Port, long ActiveConnections, long ConnectionsAccepted, long RequestsServed);

/// <summary>The whole <c>GET /stats</c> reading.</summary>
public sealed record TargetStats(int Pid, PortStats Http1, PortStats H2c)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Its own handler: reading the stats must never touch the connection pool being measured.
    private static readonly HttpClient Control = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    public static async Task<TargetStats> ReadAsync(TargetUrls target, CancellationToken cancellationToken = default) =>
        await Control.GetFromJsonAsync<TargetStats>(new Uri(target.Control, "/stats"), Json, cancellationToken)
        ?? throw new InvalidOperationException("the target's /stats returned nothing");

    public static async Task ResetAsync(TargetUrls target, CancellationToken cancellationToken = default)
    {
        using var response = await Control.PostAsync(new Uri(target.Control, "/stats/reset"), content: null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
