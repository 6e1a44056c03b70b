extern alias server;

using System.Net;
using System.Net.Sockets;
using System.Text;
using server::LeakBench.Server;
using LeakBench.Tests.Support;

namespace LeakBench.Tests.Target;

/// <summary>The target's measured endpoints, over real sockets against the real server process.</summary>
[Trait("Category", "Slow")]
public sealed class EndpointTests(TargetFixture target) : IClassFixture<TargetFixture>
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler());

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1024)]
    [InlineData(2 * 1024 * 1024)]
    public async Task Bytes_sends_exactly_size_bytes_of_the_pattern_with_content_length(int size)
    {
        using var response = await Client.GetAsync(new Uri(target.Urls.Http1, $"/bytes/{size}"));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(size, response.Content.Headers.ContentLength);
        Assert.Equal(size, body.Length);
        Assert.True(BytePattern.Matches(body, 0));
    }

    [Fact]
    public async Task Stats_report_the_most_requests_in_flight_at_once_since_the_reset()
    {
        await target.Server.ResetStatsAsync();
        // Five requests that each stay in the target's handler for a second: all five are in flight together.
        using var client = new HttpClient(new SocketsHttpHandler());
        var held = Enumerable.Range(0, 5).Select(_ => client.GetAsync(new Uri(target.Urls.Http1, "/delay/1000/1"))).ToList();
        var responses = await Task.WhenAll(held);
        var afterLoad = (await target.Server.ReadStatsAsync()).ForPort(target.Urls.Http1.Port);
        await target.Server.ResetStatsAsync();
        var afterReset = (await target.Server.ReadStatsAsync()).ForPort(target.Urls.Http1.Port);
        foreach (var response in responses)
        {
            response.Dispose();
        }

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(5, afterLoad.PeakActiveRequests);
        Assert.Equal(0, afterLoad.ActiveRequests);
        // The peak restarts from what is in flight at the reset: nothing here.
        Assert.Equal(0, afterReset.PeakActiveRequests);
    }

    [Theory]
    [InlineData(0, 4096)]
    [InlineData(1, 4096)]
    [InlineData(1024, 100)]
    [InlineData(2 * 1024 * 1024, 4096)]
    public async Task Chunked_sends_the_same_bytes_without_content_length(int size, int chunk)
    {
        // Streamed, so that the headers are the server's (a buffered response gets a computed Content-Length).
        using var response = await Client.GetAsync(new Uri(target.Urls.Http1, $"/chunked/{size}?chunk={chunk}"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Null(response.Content.Headers.ContentLength);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.Equal(size, body.Length);
        Assert.True(BytePattern.Matches(body, 0));
    }

    [Fact]
    public async Task Chunked_framing_on_the_wire_has_one_chunk_per_piece()
    {
        // Read the raw bytes: HttpClient would hide the framing.
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(target.Urls.Http1.Host, target.Urls.Http1.Port);
        var request = $"GET /chunked/1000?chunk=300 HTTP/1.1\r\nHost: {target.Urls.Http1.Authority}\r\nConnection: close\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(request));
        using var stream = new NetworkStream(socket);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        var raw = Encoding.Latin1.GetString(copy.ToArray());

        var headerEnd = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.Contains("Transfer-Encoding: chunked", raw[..headerEnd], StringComparison.OrdinalIgnoreCase);
        var sizes = new List<int>();
        var at = headerEnd + 4;
        while (true)
        {
            var lineEnd = raw.IndexOf("\r\n", at, StringComparison.Ordinal);
            var chunkSize = Convert.ToInt32(raw[at..lineEnd], 16);
            sizes.Add(chunkSize);
            if (chunkSize == 0)
            {
                break;
            }

            at = lineEnd + 2 + chunkSize + 2;
        }

        Assert.Equal([300, 300, 300, 100, 0], sizes);
    }

    [Fact]
    public async Task Empty_is_204_without_a_body()
    {
        using var response = await Client.GetAsync(new Uri(target.Urls.Http1, "/empty"));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(body);
    }

    [Fact]
    public async Task Delay_waits_then_sends_the_bytes()
    {
        var started = DateTime.UtcNow;
        using var response = await Client.GetAsync(new Uri(target.Urls.Http1, "/delay/200/5000"));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5000, body.Length);
        Assert.True(BytePattern.Matches(body, 0));
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(190));
    }

    [Theory]
    [InlineData("/bytes/1024")]
    [InlineData("/chunked/3000")]
    [InlineData("/empty")]
    public async Task H2c_port_speaks_http2_with_prior_knowledge(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(target.Urls.H2c, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.True(response.IsSuccessStatusCode);
        Assert.True(BytePattern.Matches(body, 0));
    }

    [Fact]
    public async Task Http1_port_refuses_http2_prior_knowledge()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(target.Urls.Http1, "/bytes/1"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        await Assert.ThrowsAsync<HttpRequestException>(() => Client.SendAsync(request));
    }

    [Theory]
    [InlineData("/bytes/-1")]
    [InlineData("/bytes/abc")]
    [InlineData("/bytes/268435457")]
    [InlineData("/bytes/99999999999999999999999")]
    [InlineData("/chunked/-5")]
    [InlineData("/chunked/100?chunk=0")]
    [InlineData("/chunked/100?chunk=x")]
    [InlineData("/delay/x/10")]
    [InlineData("/delay/10/-1")]
    public async Task Bad_input_is_a_400_with_a_message(string path)
    {
        using var response = await Client.GetAsync(new Uri(target.Urls.Http1, path));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("must be a whole number", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_path_is_a_404_listing_the_endpoints()
    {
        using var response = await Client.GetAsync(new Uri(target.Urls.Http1, "/nope"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("/bytes/{size}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_target_is_still_alive_after_bad_input()
    {
        using (await Client.GetAsync(new Uri(target.Urls.Http1, "/bytes/-1")))
        {
        }

        Assert.False(target.Server.HasExited);
        using var response = await Client.GetAsync(new Uri(target.Urls.Http1, "/bytes/10"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
