using System.Globalization;
using System.Net;

namespace LeakBench.Server;

/// <summary>The target's command line. Parsing never throws: bad input comes back as <see cref="Error"/>.</summary>
public sealed record ServerOptions
{
    /// <summary>Largest body an endpoint serves; bigger requests get a 400.</summary>
    public const long DefaultMaxSize = 256L * 1024 * 1024;

    /// <summary>Longest wait /delay accepts.</summary>
    public const int MaxDelayMs = 120_000;

    public IPAddress Address { get; init; } = IPAddress.Loopback;
    public int Http1Port { get; init; }
    public int H2cPort { get; init; }
    public int ControlPort { get; init; }
    public int HttpsPort { get; init; }
    public bool AllowRemote { get; init; }
    public int? ParentPid { get; init; }
    public long MaxSize { get; init; } = DefaultMaxSize;
    public bool ShowHelp { get; init; }
    public string? Error { get; init; }

    public const string Usage = """
        LeakBench target server: a Kestrel server for the LeakBench study.

        Options:
          --port N            HTTP/1.1 port (0 = a free port; default 0)
          --h2c-port N        HTTP/2 prior-knowledge (h2c) port (default 0)
          --control-port N    control port serving /stats and /tls/sha256 (default 0)
          --https-port N      HTTPS port, HTTP/1.1 and HTTP/2 by ALPN, self-signed in-memory certificate (default 0)
          --address IP        address to bind (default 127.0.0.1); anything but loopback needs --allow-remote
          --allow-remote      allow a non-loopback --address
          --parent-pid PID    exit when that process is gone
          --max-size BYTES    largest body served (default 268435456)
          --help              this text

        Prints one line 'LEAKBENCH_READY http1=URL h2c=URL control=URL pid=PID https=URL' once it listens.
        """;

    public static ServerOptions Parse(IReadOnlyList<string> args)
    {
        var o = new ServerOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? Next() => i + 1 < args.Count ? args[++i] : null;
            switch (arg)
            {
                case "--help" or "-h":
                    o = o with { ShowHelp = true };
                    break;
                case "--allow-remote":
                    o = o with { AllowRemote = true };
                    break;
                case "--port" or "--h2c-port" or "--control-port" or "--https-port":
                    var text = Next();
                    if (!TryPort(text, out var port))
                    {
                        return o with { Error = $"{arg} needs a port number from 0 to 65535, got '{text}'" };
                    }

                    o = arg switch
                    {
                        "--port" => o with { Http1Port = port },
                        "--h2c-port" => o with { H2cPort = port },
                        "--https-port" => o with { HttpsPort = port },
                        _ => o with { ControlPort = port },
                    };
                    break;
                case "--address":
                    var a = Next();
                    if (!IPAddress.TryParse(a, out var address))
                    {
                        return o with { Error = $"--address needs an IP address, got '{a}'" };
                    }

                    o = o with { Address = address };
                    break;
                case "--parent-pid":
                    var p = Next();
                    if (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid <= 0)
                    {
                        return o with { Error = $"--parent-pid needs a process id, got '{p}'" };
                    }

                    o = o with { ParentPid = pid };
                    break;
                case "--max-size":
                    var m = Next();
                    if (!long.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var max) || max <= 0)
                    {
                        return o with { Error = $"--max-size needs a positive byte count, got '{m}'" };
                    }

                    o = o with { MaxSize = max };
                    break;
                default:
                    return o with { Error = $"unknown option '{arg}'" };
            }
        }

        if (!IPAddress.IsLoopback(o.Address) && !o.AllowRemote)
        {
            return o with { Error = $"refusing to bind {o.Address}: it is not a loopback address; pass --allow-remote to serve other hosts" };
        }

        var fixedPorts = new[] { o.Http1Port, o.H2cPort, o.ControlPort, o.HttpsPort }.Where(p => p != 0).ToList();
        if (fixedPorts.Count != fixedPorts.Distinct().Count())
        {
            return o with { Error = "--port, --h2c-port, --control-port and --https-port must differ" };
        }

        return o;
    }

    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"address={Address} port={Http1Port} h2c-port={H2cPort} control-port={ControlPort} https-port={HttpsPort} allow-remote={AllowRemote} parent-pid={(ParentPid?.ToString(CultureInfo.InvariantCulture) ?? "none")} max-size={MaxSize}");

    private static bool TryPort(string? text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535;
}
