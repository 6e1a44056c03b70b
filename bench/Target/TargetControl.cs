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

    /// <summary>The control of <paramref name="target"/>'s server: the Kestrel target's own records, or nginx's stub_status.</summary>
    public static ITargetControl For(TargetUrls target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Server == TargetUrls.Nginx ? NginxControl.For(target) : new KestrelControl(target);
    }

    public static Task<TargetStats> ReadStatsAsync(TargetUrls target, CancellationToken cancellationToken = default) =>
        For(target).ReadStatsAsync(cancellationToken);

    /// <summary>
    /// The URLs of a target someone started elsewhere (<c>--target</c>), from its control port's <c>GET /urls</c>: the ports
    /// it announces, at the host of <paramref name="control"/> (the one the user named; the target may announce 0.0.0.0).
    /// </summary>
    /// <exception cref="TargetStartException">The control URL does not answer, or answers something else than a ready line; the message says which.</exception>
    public static async Task<TargetUrls> ReadUrlsAsync(Uri control, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        string text;
        try
        {
            text = await Control.GetStringAsync(new Uri(control, TargetUrls.UrlsPath), deadline.Token);
        }
        catch (HttpRequestException e) when (e.StatusCode is { } status)
        {
            throw new TargetStartException($"{control} answered {(int)status} to GET {TargetUrls.UrlsPath}; is it a LeakBench target's control URL (serve prints it as control=...)?");
        }
        catch (HttpRequestException e)
        {
            throw new TargetStartException($"the target {control} does not answer: {OneLine(e.InnerException?.Message ?? e.Message)}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TargetStartException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the target {control} does not answer: no reply within {timeout.TotalSeconds:0.#} s"));
        }

        return TargetUrls.TryParseReadyLine(text.Trim())?.AtHost(control.Host)
            ?? throw new TargetStartException($"{control} answered GET {TargetUrls.UrlsPath} without a ready line; is it a LeakBench target's control URL (serve prints it as control=...)?");
    }

    public static Task ResetStatsAsync(TargetUrls target, CancellationToken cancellationToken = default) =>
        For(target).ResetStatsAsync(cancellationToken);

    /// <summary>
    /// Aborts every connection the target serves on <paramref name="port"/> (a measured port) and returns how many it
    /// aborted: for a census whose start finds connections an earlier case left there.
    /// </summary>
    public static Task<int> AbortConnectionsAsync(TargetUrls target, int port, CancellationToken cancellationToken = default) =>
        For(target).AbortConnectionsAsync(port, cancellationToken);

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

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    /// <summary>LeakBench's own target: its control port's JSON records and its abort endpoint.</summary>
    private sealed class KestrelControl(TargetUrls target) : ITargetControl
    {
        public async Task<TargetStats> ReadStatsAsync(CancellationToken cancellationToken) =>
            await Control.GetFromJsonAsync<TargetStats>(new Uri(target.Control, "/stats"), Json, cancellationToken)
            ?? throw new InvalidOperationException("the target's /stats returned nothing");

        public async Task ResetStatsAsync(CancellationToken cancellationToken)
        {
            using var response = await Control.PostAsync(new Uri(target.Control, "/stats/reset"), content: null, cancellationToken);
            response.EnsureSuccessStatusCode();
        }

        public async Task<int> AbortConnectionsAsync(int port, CancellationToken cancellationToken)
        {
            using var response = await Control.PostAsync(new Uri(target.Control, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{TargetConnections.AbortPath}?port={port}")), content: null, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"the target's control port refused {TargetConnections.AbortPath} ({(int)response.StatusCode}): {OneLine(text)}");
            }

            return int.Parse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}

/// <summary>
/// What a census asks of the server it measures, whichever it is: its counts, a zero point for them, and closing what an
/// earlier case left. The Kestrel target answers from its own meters; nginx from stub_status (instance-wide).
/// </summary>
public interface ITargetControl
{
    /// <summary>The server's counts since the last <see cref="ResetStatsAsync"/>; what a server cannot count is null.</summary>
    Task<TargetStats> ReadStatsAsync(CancellationToken cancellationToken);

    /// <summary>Zeroes the cumulative counts (connections accepted, requests); connections open stay counted.</summary>
    Task ResetStatsAsync(CancellationToken cancellationToken);

    /// <summary>Closes every connection the server serves on the measured <paramref name="port"/>; returns how many it closed.</summary>
    Task<int> AbortConnectionsAsync(int port, CancellationToken cancellationToken);
}
