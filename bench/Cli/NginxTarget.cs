using BenchmarkDotNet.Running;
using LeakBench.Benchmarks;
using LeakBench.Cases;
using LeakBench.Reports;
using LeakBench.Target;

namespace LeakBench.Cli;

/// <summary>The study's use of nginx (<c>--server nginx</c>): what it serves, its restart before each case, and what the report says of it.</summary>
public static class NginxTarget
{
    /// <summary>Starts nginx in the run folder's <c>nginx/</c>, with a static file for every body size the selected cases (and their baselines) ask for.</summary>
    public static Task<NginxServer> StartAsync(string runFolder, IEnumerable<BenchmarkRunInfo> selected, StudyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return NginxServer.StartAsync(new NginxServerOptions { Directory = Path.Combine(runFolder, "nginx"), BodySizes = BodySizes(selected), Settings = SettingsOf(options) });
    }

    /// <summary>nginx's defaults, or with <c>--nginx-timeouts</c> both keepalive_timeout and send_timeout set to it.</summary>
    public static NginxSettings SettingsOf(StudyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.NginxTimeouts is { } t ? NginxSettings.Defaults with { KeepaliveTimeout = t, SendTimeout = t } : NginxSettings.Defaults;
    }

    /// <summary>The body sizes of the cases and of their baselines (a pairing sends the baseline's requests too).</summary>
    public static IReadOnlyCollection<long> BodySizes(IEnumerable<BenchmarkRunInfo> runs) =>
        runs.SelectMany(r => r.BenchmarksCases)
            .SelectMany(c => new[] { CaseCatalog.Of(c), CaseCatalog.BaselineOf(c) })
            .OfType<StudyCase>()
            .Select(c => c.BodyBytes)
            .Distinct()
            .Order()
            .ToArray();

    /// <summary>
    /// With <c>--nginx-timeouts</c>, the census waits half a second past nginx's keepalive_timeout before it counts, so that
    /// it sees the connections nginx closed (the client's sockets in CLOSE_WAIT); zero otherwise (the job's settle).
    /// </summary>
    public static TimeSpan MinimumSettleOf(StudyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.NginxTimeouts is { } t ? t + TimeSpan.FromMilliseconds(500) : TimeSpan.Zero;
    }

    /// <summary>
    /// Before each benchmark process: nginx restarted, so that the case finds nothing an earlier one left (nginx cannot close
    /// one port's connections from outside, and a reload keeps old workers serving them); the process gets its new pid.
    /// </summary>
    public static Func<TargetUrls>? BeforeEachProcess(NginxServer? nginx) => nginx is null ? null : () =>
    {
        nginx.RestartAsync().GetAwaiter().GetResult();
        return nginx.Urls;
    };

    /// <summary>The environment block of a run against <paramref name="nginx"/>: its version and deciding settings; unchanged for the Kestrel target.</summary>
    public static StudyEnvironment Describe(StudyEnvironment environment, NginxServer? nginx)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return nginx is null ? environment : environment with
        {
            Target = $"{nginx.Version} (Debian's nginx, one process on loopback started by the study and restarted before each case; the same for every client runtime): {nginx.Settings.Describe()}",
            Server = nginx.Version,
            ServerSettings = nginx.Settings.Describe(),
        };
    }
}
