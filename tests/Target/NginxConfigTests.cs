using LeakBench.Target;

namespace LeakBench.Tests.Target;

/// <summary>Known answers for nginx's configuration (written and read back), its stub_status and the census's arithmetic on it.</summary>
public sealed class NginxConfigTests
{
    private static readonly NginxPorts Ports = new(Http1: 41001, H2c: 41002, Https: 41003, Control: 41004);

    private static string Written(NginxSettings settings) =>
        NginxConfig.Write("/runs/r1/nginx", "127.0.0.1", Ports, settings, "/runs/r1/nginx/tls/certificate.pem", "/tmp/key-dir/key.pem", "AB12");

    [Fact]
    public void The_deciding_settings_are_written_explicitly_with_nginx_defaults()
    {
        var lines = Written(NginxSettings.Defaults).Split('\n').Select(l => l.Trim()).ToList();

        Assert.Contains("http2_max_concurrent_streams 128;", lines);
        Assert.Contains("keepalive_requests 1000;", lines);
        Assert.Contains("keepalive_timeout 75s;", lines);
        Assert.Contains("send_timeout 60s;", lines);
        Assert.Contains("worker_connections 16384;", lines);
        Assert.Contains("master_process off;", lines);
    }

    [Fact]
    public void Ports_paths_and_endpoints_are_the_studys()
    {
        var lines = Written(NginxSettings.Defaults).Split('\n').Select(l => l.Trim()).ToList();

        Assert.Contains("listen 127.0.0.1:41001;", lines);
        Assert.Contains("listen 127.0.0.1:41002 http2;", lines);
        Assert.Contains("listen 127.0.0.1:41003 ssl http2;", lines);
        Assert.Contains("listen 127.0.0.1:41004;", lines);
        Assert.Contains("pid \"/runs/r1/nginx/nginx.pid\";", lines);
        Assert.Contains("client_body_temp_path \"/runs/r1/nginx/temp/client_body\";", lines);
        Assert.Contains("root \"/runs/r1/nginx/www\";", lines);
        Assert.Contains("ssl_certificate_key \"/tmp/key-dir/key.pem\";", lines);
        Assert.Contains("location = /empty { return 204; }", lines);
        Assert.Contains("location = /stats { stub_status; }", lines);
        Assert.Contains("location = /tls/sha256 { default_type text/plain; return 200 \"AB12\"; }", lines);
        Assert.Contains("rewrite ^/chunked/([0-9]+)$ /bytes/$1 break;", lines);
        Assert.Contains("output_buffers 1 4k;", lines);
        // Every path nginx writes is inside its folder, never the system's (/var/log/nginx, /run/nginx.pid, /var/lib/nginx).
        Assert.DoesNotContain(lines, l => l.Contains("/var/", StringComparison.Ordinal) || l.Contains("/run/nginx", StringComparison.Ordinal));
    }

    [Fact]
    public void The_settings_read_back_from_a_written_configuration_are_the_ones_written()
    {
        var shortTimeouts = NginxSettings.Defaults with { KeepaliveTimeout = TimeSpan.FromSeconds(1), SendTimeout = TimeSpan.FromMilliseconds(500), Http2MaxConcurrentStreams = 7, KeepaliveRequests = 3 };

        Assert.Equal(NginxSettings.Defaults, NginxConfig.Read(Written(NginxSettings.Defaults)));
        Assert.Equal(shortTimeouts, NginxConfig.Read(Written(shortTimeouts)));
        Assert.Contains("send_timeout 500ms;", Written(shortTimeouts), StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_a_hand_written_configuration_takes_units_and_leaves_out_comments_and_the_second_timeout()
    {
        var text = """
            # keepalive_requests 5;
            http {
                keepalive_timeout 2m 60;
                send_timeout 30;
                http2_max_concurrent_streams 64;
            }
            """;

        var read = NginxConfig.Read(text);

        Assert.Equal(TimeSpan.FromMinutes(2), read.KeepaliveTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), read.SendTimeout);
        Assert.Equal(64, read.Http2MaxConcurrentStreams);
        Assert.Equal(1000, read.KeepaliveRequests);
        Assert.Throws<FormatException>(() => NginxConfig.Read("keepalive_timeout 1h;"));
    }

    [Fact]
    public void A_path_nginx_would_misread_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => NginxConfig.Write("/runs/$HOME", "127.0.0.1", Ports, NginxSettings.Defaults, "/c.pem", "/k.pem", "AB"));
        Assert.Contains("/runs/$HOME", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stub_status_parses_to_its_seven_counts()
    {
        const string text = "Active connections: 3 \nserver accepts handled requests\n 17 16 250 \nReading: 0 Writing: 2 Waiting: 1 \n";

        Assert.Equal(new NginxStubStatus(Active: 3, Accepts: 17, Handled: 16, Requests: 250, Reading: 0, Writing: 2, Waiting: 1), NginxStubStatus.Parse(text));
        Assert.Throws<FormatException>(() => NginxStubStatus.Parse("{\"pid\":1}"));
    }

    [Fact]
    public void The_censuss_counts_leave_out_its_own_readings()
    {
        var urls = new TargetUrls(new Uri("http://127.0.0.1:41001"), new Uri("http://127.0.0.1:41002"), new Uri("http://127.0.0.1:41004"), 99, new Uri("https://127.0.0.1:41003")) { Server = TargetUrls.Nginx };
        // The reset's reading: 10 connections and 40 requests so far, its own included.
        var zero = new NginxStubStatus(1, 10, 10, 40, 0, 1, 0);
        // Three readings later (this one the third): 5 connections and 7 requests of the case's, 2 of them open and 1 in
        // flight, plus the reading's own connection and request.
        var now = new NginxStubStatus(Active: 3, Accepts: 10 + 5 + 3, Handled: 18, Requests: 40 + 7 + 3, Reading: 0, Writing: 2, Waiting: 1);

        var stats = NginxControl.Stats(now, zero, readings: 3, urls);

        var port = stats.ForPort(41001);
        Assert.Equal(2, port.ActiveConnections);
        Assert.Equal(5, port.ConnectionsAccepted);
        Assert.Equal(7, port.RequestsServed);
        Assert.Equal(1, port.ActiveRequests);
        Assert.Null(port.PeakActiveRequests);
        Assert.Null(stats.GcHeapBytes);
        Assert.Null(stats.WorkingSetBytes);
        Assert.Equal(port with { Port = 41003 }, stats.ForPort(41003));
    }

    [Fact]
    public void Nginxs_resident_memory_is_the_vmrss_line_of_its_proc_status()
    {
        Assert.Equal(12_345L * 1024, NginxControl.ResidentBytesIn("Name:\tnginx\nVmPeak:\t   20000 kB\nVmRSS:\t   12345 kB\nThreads:\t1\n"));
        Assert.Null(NginxControl.ResidentBytesIn("Name:\tnginx\n"));
    }

    [Fact]
    public void The_ready_line_names_nginx_and_leaves_kestrels_unchanged()
    {
        var kestrel = new TargetUrls(new Uri("http://127.0.0.1:1"), new Uri("http://127.0.0.1:2"), new Uri("http://127.0.0.1:3"), 7);
        var nginx = kestrel with { Server = TargetUrls.Nginx };

        Assert.Equal("LEAKBENCH_READY http1=http://127.0.0.1:1 h2c=http://127.0.0.1:2 control=http://127.0.0.1:3 pid=7", kestrel.ToReadyLine());
        Assert.Equal("LEAKBENCH_READY http1=http://127.0.0.1:1 h2c=http://127.0.0.1:2 control=http://127.0.0.1:3 pid=7 server=nginx", nginx.ToReadyLine());
        Assert.Equal(nginx, TargetUrls.TryParseReadyLine(nginx.ToReadyLine()));
        Assert.Equal(TargetUrls.Kestrel, TargetUrls.TryParseReadyLine(kestrel.ToReadyLine())!.Server);
    }
}
