using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace LeakBench.Target;

/// <summary>One reading of nginx's <c>stub_status</c>: instance-wide counts, the reading's own request and connection included.</summary>
public sealed partial record NginxStubStatus(long Active, long Accepts, long Handled, long Requests, long Reading, long Writing, long Waiting)
{
    /// <summary>Parses stub_status's text; throws a <see cref="FormatException"/> naming what it got otherwise.</summary>
    public static NginxStubStatus Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var m = Format().Match(text);
        if (!m.Success)
        {
            throw new FormatException($"not nginx's stub_status: '{text.ReplaceLineEndings(" ").Trim()}'");
        }

        long N(string group) => long.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);
        return new(N("active"), N("accepts"), N("handled"), N("requests"), N("reading"), N("writing"), N("waiting"));
    }

    [GeneratedRegex(@"^Active connections: (?<active>\d+)\s*\nserver accepts handled requests\s*\n\s*(?<accepts>\d+) (?<handled>\d+) (?<requests>\d+)\s*\nReading: (?<reading>\d+) Writing: (?<writing>\d+) Waiting: (?<waiting>\d+)")]
    private static partial Regex Format();
}

/// <summary>
/// The census's view of nginx, from its <c>stub_status</c> on the control port. Its counts are instance-wide: nginx has no
/// per-port counts, and the study measures one port at a time on an nginx it restarted before the case, so each measured
/// port's record carries the instance's figures. Every reading is a request of its own on a connection of its own
/// (<c>Connection: close</c>), which stub_status counts: the readings this process made since the last reset are
/// subtracted, and the reading's own connection and request are not counted as open. What stub_status has no figure for
/// (TLS handshakes, the peak of requests in flight, a managed heap) is null or, where the record has no null, 0 with
/// this server named (see the report's environment block).
/// </summary>
public sealed class NginxControl : ITargetControl
{
    private static readonly ConcurrentDictionary<Uri, NginxControl> ByControl = new();

    // Its own handler, as for the Kestrel target: reading the counts never touches the pool being measured.
    private static readonly HttpClient Client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    private readonly TargetUrls _target;
    // One reading at a time in a process: each one's own connection and request must be the only ones it subtracts.
    private static readonly SemaphoreSlim One = new(1, 1);
    private NginxStubStatus _zero = new(0, 0, 0, 0, 0, 0, 0);
    private long _readings;

    private NginxControl(TargetUrls target) => _target = target;

    /// <summary>The control of the nginx at <paramref name="target"/>'s control URL (one per URL in a process: it keeps the zero point).</summary>
    public static NginxControl For(TargetUrls target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return ByControl.GetOrAdd(target.Control, _ => new NginxControl(target));
    }

    /// <summary>The path of stub_status on the control port.</summary>
    public const string StatusPath = "/stats";

    /// <summary>One raw reading (its own request and connection included in what it says).</summary>
    public static async Task<NginxStubStatus> ReadStubStatusAsync(Uri control, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(control, StatusPath));
        // A connection per reading: stub_status then counts exactly one connection and one request per reading.
        request.Headers.ConnectionClose = true;
        using var response = await Client.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return NginxStubStatus.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public async Task<TargetStats> ReadStatsAsync(CancellationToken cancellationToken)
    {
        await One.WaitAsync(cancellationToken);
        try
        {
            var now = await ReadStubStatusAsync(_target.Control, cancellationToken);
            var readings = ++_readings;
            return Stats(now, _zero, readings, _target) with { WorkingSetBytes = ResidentBytes(_target.Pid) };
        }
        finally
        {
            One.Release();
        }
    }

    public async Task ResetStatsAsync(CancellationToken cancellationToken)
    {
        await One.WaitAsync(cancellationToken);
        try
        {
            _zero = await ReadStubStatusAsync(_target.Control, cancellationToken);
            _readings = 0;
        }
        finally
        {
            One.Release();
        }
    }

    /// <summary>
    /// nginx has no way to close one port's connections from outside. The study restarts it before every case's process
    /// (a reload would keep old workers serving what was left), so a census that still finds connections says so and
    /// goes on; its counts then include them, and its disagreements show it.
    /// </summary>
    public Task<int> AbortConnectionsAsync(int port, CancellationToken cancellationToken)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"census: nginx cannot close the connections left on port {port} from here; they stay counted (the study restarts nginx before each case)"));
        return Task.FromResult(0);
    }

    /// <summary>
    /// nginx's resident memory (<c>VmRSS</c> of <c>/proc/PID/status</c>, what <c>Environment.WorkingSet</c> reports of the
    /// Kestrel target on Linux); null where this machine has no such file for it (another OS, or nginx elsewhere).
    /// </summary>
    public static long? ResidentBytes(int pid)
    {
        try
        {
            return ResidentBytesIn(File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The <c>VmRSS:</c> line of a <c>/proc/PID/status</c> text, in bytes; null without one.</summary>
    public static long? ResidentBytesIn(string status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var line = status.Split('\n').FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is not null && long.TryParse(line["VmRSS:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var kb)
            ? kb * 1024
            : null;
    }

    /// <summary>
    /// The record of <paramref name="now"/> since <paramref name="zero"/> (the reset's reading, itself counted in it), for
    /// the <paramref name="readings"/>-th reading since: each reading added one connection and one request, and the
    /// current one is still open and in flight while stub_status answers it.
    /// </summary>
    public static TargetStats Stats(NginxStubStatus now, NginxStubStatus zero, long readings, TargetUrls target)
    {
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(zero);
        ArgumentNullException.ThrowIfNull(target);
        var inFlight = now.Reading + now.Writing - 1;
        PortStats Port(Uri url) => new(url.Port, now.Active - 1, now.Accepts - zero.Accepts - readings, now.Requests - zero.Requests - readings)
        {
            ActiveRequests = inFlight,
            PeakActiveRequests = null,
        };

        return new TargetStats(target.Pid, Port(target.Http1), Port(target.H2c), target.Https is null ? null : Port(target.Https))
        {
            ActiveRequests = inFlight,
            // nginx has no managed heap; its resident memory is read apart (ResidentBytes), where this machine shows it.
            GcHeapBytes = null,
            WorkingSetBytes = null,
        };
    }
}
