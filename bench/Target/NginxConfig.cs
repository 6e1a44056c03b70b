using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LeakBench.Target;

/// <summary>
/// The nginx settings that decide the study's findings, written explicitly into the configuration so that a report can
/// read them back from the file the run used. The defaults are nginx's own (1.22: <c>http2_max_concurrent_streams</c> 128,
/// <c>keepalive_requests</c> 1000, <c>keepalive_timeout</c> 75s, <c>send_timeout</c> 60s).
/// </summary>
public sealed record NginxSettings
{
    /// <summary>nginx's defaults, as its documentation gives them.</summary>
    public static readonly NginxSettings Defaults = new();

    public int Http2MaxConcurrentStreams { get; init; } = 128;

    /// <summary>Requests served on one connection before nginx closes it (a reused connection closes every this many).</summary>
    public int KeepaliveRequests { get; init; } = 1000;

    public TimeSpan KeepaliveTimeout { get; init; } = TimeSpan.FromSeconds(75);

    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Not nginx's default (512): a leak holds thousands of connections open at once (a census lets up to 4,000 pile up),
    /// and at 512 nginx would refuse them, a finding about this setting rather than about the client.
    /// </summary>
    public int WorkerConnections { get; init; } = 16384;

    /// <summary>The settings as the environment block shows them, in the configuration's own words.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"http2_max_concurrent_streams {Http2MaxConcurrentStreams}, keepalive_requests {KeepaliveRequests}, keepalive_timeout {Seconds(KeepaliveTimeout)}, send_timeout {Seconds(SendTimeout)}, worker_connections {WorkerConnections}, one process (master_process off)");

    internal static string Seconds(TimeSpan t) =>
        t.TotalSeconds == Math.Floor(t.TotalSeconds) && t.TotalSeconds >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(long)t.TotalSeconds}s")
            : string.Create(CultureInfo.InvariantCulture, $"{(long)t.TotalMilliseconds}ms");
}

/// <summary>The loopback ports the study picked for nginx (nginx cannot report a port it bound as 0).</summary>
public sealed record NginxPorts(int Http1, int H2c, int Https, int Control);

/// <summary>
/// Writes the configuration of the study's nginx, and reads the deciding settings back from a written one. Plain text in,
/// plain text out: the known answers are in the tests, and nginx itself checks the file when it starts.
/// </summary>
public static partial class NginxConfig
{
    /// <summary>The file name of the configuration inside nginx's folder.</summary>
    public const string FileName = "nginx.conf";

    /// <summary>The static files' folder inside nginx's folder: <c>www/bytes/{size}</c>.</summary>
    public const string WebRoot = "www";

    /// <summary>
    /// The configuration for an nginx whose prefix is <paramref name="directory"/> (every path it writes stays inside it),
    /// listening on <paramref name="address"/> at <paramref name="ports"/>, serving the study's endpoints with the TLS
    /// certificate and key at the given paths and the control location's certificate thumbprint.
    /// </summary>
    public static string Write(string directory, string address, NginxPorts ports, NginxSettings settings, string certificatePath, string keyPath, string thumbprint)
    {
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentNullException.ThrowIfNull(settings);
        // Quoted in the file; a quote would end the string and nginx expands '$' as a variable even there.
        if (new[] { directory, certificatePath, keyPath }.FirstOrDefault(p => p.IndexOfAny(['"', '$', '\\']) >= 0) is { } bad)
        {
            throw new ArgumentException($"nginx's configuration cannot name a path with a quote, '$' or a backslash: {bad}");
        }

        var d = directory.TrimEnd('/');
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("# Written by LeakBench for one run; nginx -p DIR -c DIR/nginx.conf -e stderr -g 'daemon off;'.");
        text.AppendLine("# One process: the parent-death signal that ends it with the study reaches the process that holds the connections.");
        text.AppendLine("master_process off;");
        text.AppendLine(c, $"pid \"{d}/nginx.pid\";");
        text.AppendLine(c, $"lock_file \"{d}/nginx.lock\";");
        text.AppendLine("error_log stderr warn;");
        text.AppendLine("events {");
        text.AppendLine(c, $"    worker_connections {settings.WorkerConnections};");
        text.AppendLine("}");
        text.AppendLine("http {");
        text.AppendLine("    access_log off;");
        text.AppendLine("    server_tokens off;");
        foreach (var temp in new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" })
        {
            text.AppendLine(c, $"    {temp}_temp_path \"{d}/temp/{temp}\";");
        }

        text.AppendLine("    types { }");
        text.AppendLine("    default_type application/octet-stream;");
        text.AppendLine("    # The settings that decide the findings, explicit (nginx's defaults unless the case says otherwise).");
        text.AppendLine(c, $"    http2_max_concurrent_streams {settings.Http2MaxConcurrentStreams};");
        text.AppendLine(c, $"    keepalive_requests {settings.KeepaliveRequests};");
        text.AppendLine(c, $"    keepalive_timeout {NginxSettings.Seconds(settings.KeepaliveTimeout)};");
        text.AppendLine(c, $"    send_timeout {NginxSettings.Seconds(settings.SendTimeout)};");
        text.AppendLine(c, $"    ssl_certificate \"{certificatePath}\";");
        text.AppendLine(c, $"    ssl_certificate_key \"{keyPath}\";");
        text.AppendLine("    server {");
        text.AppendLine(c, $"        listen {address}:{ports.Http1};");
        text.AppendLine("        # HTTP/2 without TLS: clients use prior knowledge, as the study's h2c cases do.");
        text.AppendLine(c, $"        listen {address}:{ports.H2c} http2;");
        text.AppendLine(c, $"        listen {address}:{ports.Https} ssl http2;");
        text.AppendLine(c, $"        root \"{d}/{WebRoot}\";");
        text.AppendLine("        location /bytes/ { }");
        text.AppendLine("        # The same files, chunked: the ssi filter drops the length, and one output buffer of 4 KiB makes 4 KiB chunks,");
        text.AppendLine("        # as the Kestrel target's /chunked/{size}?chunk=4096 (the pattern holds no '<!--', so ssi changes no byte).");
        text.AppendLine("        location /chunked/ {");
        text.AppendLine("            rewrite ^/chunked/([0-9]+)$ /bytes/$1 break;");
        text.AppendLine("            ssi on;");
        text.AppendLine("            ssi_types application/octet-stream;");
        text.AppendLine("            output_buffers 1 4k;");
        text.AppendLine("        }");
        text.AppendLine("        location = /empty { return 204; }");
        text.AppendLine("    }");
        text.AppendLine("    server {");
        text.AppendLine(c, $"        listen {address}:{ports.Control};");
        text.AppendLine("        location = /stats { stub_status; }");
        text.AppendLine(c, $"        location = {TargetTls.ThumbprintPath} {{ default_type text/plain; return 200 \"{thumbprint}\"; }}");
        text.AppendLine("    }");
        text.AppendLine("}");
        return text.ToString();
    }

    /// <summary>The deciding settings as a written configuration states them; a setting it leaves out is nginx's default.</summary>
    /// <exception cref="FormatException">A setting with a value this reader does not understand.</exception>
    public static NginxSettings Read(string configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = NginxSettings.Defaults;
        foreach (Match m in Directive().Matches(configuration))
        {
            var value = m.Groups["value"].Value;
            settings = m.Groups["name"].Value switch
            {
                "http2_max_concurrent_streams" => settings with { Http2MaxConcurrentStreams = Number(m.Value, value) },
                "keepalive_requests" => settings with { KeepaliveRequests = Number(m.Value, value) },
                "keepalive_timeout" => settings with { KeepaliveTimeout = Time(m.Value, value) },
                "send_timeout" => settings with { SendTimeout = Time(m.Value, value) },
                "worker_connections" => settings with { WorkerConnections = Number(m.Value, value) },
                _ => settings,
            };
        }

        return settings;
    }

    private static int Number(string directive, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"not a whole number in '{directive}'");

    // nginx's time units that the study writes or a reader may meet: ms, s, m (a bare number is seconds).
    private static TimeSpan Time(string directive, string value)
    {
        var m = TimeValue().Match(value);
        if (!m.Success)
        {
            throw new FormatException($"not an nginx time in '{directive}'");
        }

        var n = long.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
        return m.Groups["unit"].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(n),
            "m" => TimeSpan.FromMinutes(n),
            _ => TimeSpan.FromSeconds(n),
        };
    }

    // A directive at the start of a line (after indentation), not in a comment; keepalive_timeout's optional second value
    // (the Keep-Alive header's) is not read.
    [GeneratedRegex(@"^[ \t]*(?<name>http2_max_concurrent_streams|keepalive_requests|keepalive_timeout|send_timeout|worker_connections)[ \t]+(?<value>[^ \t;]+)[^;]*;", RegexOptions.Multiline)]
    private static partial Regex Directive();

    [GeneratedRegex(@"^(?<n>[0-9]+)(?<unit>ms|s|m)?$")]
    private static partial Regex TimeValue();
}
