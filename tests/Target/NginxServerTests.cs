using System.Diagnostics;
using System.Globalization;
using System.Net;
using LeakBench.Cases;
using LeakBench.Target;

namespace LeakBench.Tests.Target;

/// <summary>
/// Debian's nginx started through the study's class: the exact bytes of the study's endpoints in both framings and over
/// each protocol, its counts through the census's control, its restart, and no process left after dispose. Linux with
/// nginx installed (.ci/run installs it); elsewhere these fail with the one-line reason.
/// </summary>
[Trait("Category", "Slow")]
public sealed class NginxServerTests : IDisposable
{
    private static readonly long[] Sizes = [0, 1024, 10_000, 2 * 1024 * 1024];
    private readonly string _folder = Directory.CreateTempSubdirectory("leakbench-nginx-").FullName;

    private Task<NginxServer> StartAsync() => NginxServer.StartAsync(new NginxServerOptions { Directory = Path.Combine(_folder, "nginx"), BodySizes = Sizes });

    [Theory]
    [InlineData(1024)]
    [InlineData(10_000)]
    [InlineData(2 * 1024 * 1024)]
    public async Task Bytes_and_chunked_send_the_pattern_byte_for_byte_in_their_framing(long size)
    {
        using var nginx = await StartAsync();
        using var client = new HttpClient();

        using var plain = await client.GetAsync(new Uri(nginx.Urls.Http1, $"/bytes/{size}"));
        // Streamed: a buffered response reports the length it counted, whatever the framing.
        using var chunked = await client.GetAsync(new Uri(nginx.Urls.Http1, $"/chunked/{size}?chunk=4096"), HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal(size, plain.Content.Headers.ContentLength);
        Assert.NotEqual(true, plain.Headers.TransferEncodingChunked);
        AssertPattern(size, await plain.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, chunked.StatusCode);
        Assert.True(chunked.Headers.TransferEncodingChunked);
        Assert.Null(chunked.Content.Headers.ContentLength);
        AssertPattern(size, await chunked.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Chunked_bodies_come_in_4_KiB_chunks_as_the_kestrel_targets_do()
    {
        using var nginx = await StartAsync();

        var sizes = await ChunkSizesAsync(nginx.Urls.Http1, "/chunked/10000?chunk=4096");

        Assert.Equal([4096, 4096, 1808, 0], sizes);
    }

    [Fact]
    public async Task Empty_is_a_204_without_a_body()
    {
        using var nginx = await StartAsync();
        using var client = new HttpClient();

        using var response = await client.GetAsync(new Uri(nginx.Urls.Http1, "/empty"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(HttpProtocol.Http2, false, "2.0")]
    [InlineData(HttpProtocol.Http11, true, "1.1")]
    [InlineData(HttpProtocol.Http2, true, "2.0")]
    public async Task The_h2c_and_https_ports_serve_the_same_bytes_to_the_studys_client(HttpProtocol protocol, bool tls, string version)
    {
        using var nginx = await StartAsync();
        var @case = new StudyCase { Disposed = true, Drain = Drain.Full, Protocol = protocol, Tls = tls };
        var pin = tls ? new CertificatePin(await TargetControl.ReadCertificateThumbprintAsync(nginx.Urls)) : null;
        using var client = CaseClient.Create(@case, pin: pin);

        using var response = await client.GetAsync(new Uri(CaseTarget.UriFor(nginx.Urls, @case), "/bytes/10000"));

        Assert.Equal(Version.Parse(version), response.Version);
        AssertPattern(10_000, await response.Content.ReadAsByteArrayAsync());
        if (tls)
        {
            Assert.Equal(1, pin!.Validations);
        }
    }

    [Fact]
    public async Task The_census_counts_a_connection_and_its_requests_without_its_own_readings()
    {
        using var nginx = await StartAsync();
        var control = TargetControl.For(nginx.Urls);
        await control.ResetStatsAsync(CancellationToken.None);
        var before = await control.ReadStatsAsync(CancellationToken.None);
        using var client = new HttpClient();

        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync(new Uri(nginx.Urls.Http1, "/bytes/1024"));
            await response.Content.ReadAsByteArrayAsync();
        }

        var after = (await control.ReadStatsAsync(CancellationToken.None)).ForPort(nginx.Urls.Http1.Port);

        Assert.Equal(0, before.ForPort(nginx.Urls.Http1.Port).ConnectionsAccepted);
        Assert.Equal(0, before.ForPort(nginx.Urls.Http1.Port).ActiveConnections);
        Assert.Equal(1, after.ConnectionsAccepted);
        Assert.Equal(3, after.RequestsServed);
        Assert.Equal(1, after.ActiveConnections);
        Assert.Equal(0, after.ActiveRequests);
    }

    [Fact]
    public async Task A_restart_closes_what_a_client_left_and_keeps_the_ports()
    {
        using var nginx = await StartAsync();
        var urls = nginx.Urls;
        using var client = new HttpClient();
        // An unread streamed 2 MiB response: its connection stays open on nginx's side, its send blocked.
        using var left = await client.GetAsync(new Uri(urls.Http1, $"/bytes/{2 * 1024 * 1024}"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(1, (await TargetControl.ReadStatsAsync(urls)).ForPort(urls.Http1.Port).ActiveConnections);

        await nginx.RestartAsync();

        Assert.Equal(urls with { Pid = nginx.ProcessId }, nginx.Urls);
        Assert.NotEqual(urls.Pid, nginx.ProcessId);
        await TargetControl.ResetStatsAsync(nginx.Urls);
        Assert.Equal(0, (await TargetControl.ReadStatsAsync(nginx.Urls)).ForPort(urls.Http1.Port).ActiveConnections);
    }

    [Fact]
    public async Task After_dispose_no_nginx_of_its_folder_runs_and_its_key_is_gone()
    {
        var nginx = await StartAsync();
        var pid = nginx.ProcessId;
        Assert.NotEmpty(NginxProcessesOf(_folder));
        Assert.DoesNotContain(Directory.GetFiles(_folder, "*", SearchOption.AllDirectories), f => File.ReadAllText(f).Contains("PRIVATE KEY", StringComparison.Ordinal));

        nginx.Dispose();

        Assert.Empty(NginxProcessesOf(_folder));
        Assert.False(File.Exists($"/proc/{pid}/status"), $"nginx {pid} is still there");
    }

    /// <summary>The nginx processes whose prefix is under <paramref name="folder"/> (the study's, never a system nginx).</summary>
    public static IReadOnlyList<string> NginxProcessesOf(string folder)
    {
        using var pgrep = Process.Start(new ProcessStartInfo("pgrep", ["-af", $"nginx -p {folder}"]) { RedirectStandardOutput = true })!;
        var text = pgrep.StandardOutput.ReadToEnd();
        pgrep.WaitForExit();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.Contains("pgrep", StringComparison.Ordinal)).ToList();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static void AssertPattern(long size, byte[] body)
    {
        Assert.Equal(size, body.LongLength);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != (byte)(i % 251))
            {
                Assert.Fail(string.Create(CultureInfo.InvariantCulture, $"byte {i} is {body[i]}, the pattern says {i % 251}"));
            }
        }
    }

    /// <summary>The chunk sizes of a chunked response, read off the wire (HttpClient hides the framing).</summary>
    private static async Task<List<int>> ChunkSizesAsync(Uri server, string path)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        using var all = new MemoryStream();
        await stream.CopyToAsync(all);
        var raw = all.ToArray();
        var at = IndexOf(raw, "\r\n\r\n"u8.ToArray(), 0) + 4;
        var sizes = new List<int>();
        while (true)
        {
            var end = IndexOf(raw, "\r\n"u8.ToArray(), at);
            var size = int.Parse(System.Text.Encoding.ASCII.GetString(raw, at, end - at), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            sizes.Add(size);
            if (size == 0)
            {
                return sizes;
            }

            at = end + 2 + size + 2;
        }
    }

    private static int IndexOf(byte[] data, byte[] what, int from)
    {
        for (var i = from; i <= data.Length - what.Length; i++)
        {
            if (data.AsSpan(i, what.Length).SequenceEqual(what))
            {
                return i;
            }
        }

        throw new InvalidDataException("not found in the response");
    }
}
