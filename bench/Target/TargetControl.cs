using System.Net.Http.Json;
using System.Text.Json;

namespace LeakBench.Target;

/// <summary>The study's side of the target's control port: read and reset <see cref="TargetStats"/>.</summary>
public static class TargetControl
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Its own handler: reading the stats must never touch the connection pool being measured.
    private static readonly HttpClient Control = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    public static async Task<TargetStats> ReadStatsAsync(TargetUrls target, CancellationToken cancellationToken = default) =>
        await Control.GetFromJsonAsync<TargetStats>(new Uri(target.Control, "/stats"), Json, cancellationToken)
        ?? throw new InvalidOperationException("the target's /stats returned nothing");

    public static async Task ResetStatsAsync(TargetUrls target, CancellationToken cancellationToken = default)
    {
        using var response = await Control.PostAsync(new Uri(target.Control, "/stats/reset"), content: null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The SHA-256 thumbprint of the target's HTTPS certificate, as its control port serves it (what TLS cases pin).</summary>
    public static async Task<string> ReadCertificateThumbprintAsync(TargetUrls target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var response = await Control.GetAsync(new Uri(target.Control, TargetTls.ThumbprintPath), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"the target's control port does not serve {TargetTls.ThumbprintPath} ({(int)response.StatusCode}): is it a target without the HTTPS port?");
        }

        return (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
    }
}
