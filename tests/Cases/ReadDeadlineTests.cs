using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using LeakBench.Cases;
using LeakBench.Census;

namespace LeakBench.Tests.Cases;

/// <summary>
/// Every wait of a request is bounded (issue 32, item 4): with ResponseHeadersRead, HttpClient.Timeout ends at the
/// headers, so a body that stops mid-read must end at the request timeout too. A plain TcpListener plays a server
/// that sends the headers and part of the body, then nothing.
/// </summary>
public sealed class ReadDeadlineTests
{
    // Long enough for the headers to come first on a loaded 2-core machine (at 0.5 s HttpClient's own timeout sometimes
    // ended the wait for the headers there), short enough for a quick test.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    // Without a deadline on the body reads the read waits for ever: the guard turns that into a failure, not a hung test.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_body_that_stops_mid_read_ends_at_the_request_timeout_as_a_stall_that_says_where()
    {
        using var server = new PartialServer(contentLength: 10_000, sent: 100);
        using var client = Client(Timeout);
        var pattern = RequestPattern.For(server.Uri, Framing.ContentLength, 10_000, HttpCompletionOption.ResponseHeadersRead, dispose: true, Drain.Full);

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<TaskCanceledException>(() => pattern.SendAsync(client, new byte[64 * 1024]).WaitAsync(Guard));

        Assert.InRange(clock.Elapsed, Timeout * 0.9, Timeout + TimeSpan.FromSeconds(5));
        var stall = Assert.IsType<BodyStallException>(error.InnerException);
        Assert.Equal(100, stall.BytesRead);
        Assert.Equal(10_000, stall.ExpectedBytes);
        Assert.True(CensusLoop.IsStall(error, CancellationToken.None));
        Assert.Equal("in the response body, after 100 of 10,000 bytes", BodyStallException.WhereOf(error));
    }

    [Fact]
    public async Task A_partial_read_that_stops_before_its_4_KiB_ends_at_the_request_timeout_too()
    {
        using var server = new PartialServer(contentLength: 10_000, sent: 1_000);
        using var client = Client(Timeout);
        var pattern = RequestPattern.For(server.Uri, Framing.ContentLength, 10_000, HttpCompletionOption.ResponseHeadersRead, dispose: false, Drain.Partial4KiB);

        var error = await Assert.ThrowsAsync<TaskCanceledException>(() => pattern.SendAsync(client, new byte[64 * 1024]).WaitAsync(Guard));

        Assert.Equal("in the response body, after 1,000 of 4,096 bytes", BodyStallException.WhereOf(error));
    }

    [Fact]
    public async Task The_deadline_starts_again_with_each_request_of_a_caller()
    {
        // Every response's body comes 100 ms after its headers, so each read waits on its token; the second request
        // begins after the first one's deadline would have passed, had it not been ended with its request.
        using var server = new PartialServer(contentLength: 100, sent: 100, bodyDelay: TimeSpan.FromMilliseconds(100));
        using var client = Client(Timeout);
        var pattern = RequestPattern.For(server.Uri, Framing.ContentLength, 100, HttpCompletionOption.ResponseHeadersRead, dispose: true, Drain.Full);
        var buffer = new byte[64 * 1024];

        await pattern.SendAsync(client, buffer).WaitAsync(Guard);
        await Task.Delay(Timeout * 2);
        await pattern.SendAsync(client, buffer).WaitAsync(Guard);

        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task A_caller_that_cancels_gets_its_own_cancellation_not_a_stall()
    {
        using var server = new PartialServer(contentLength: 10_000, sent: 100);
        using var client = Client(TimeSpan.FromSeconds(30));
        var pattern = RequestPattern.For(server.Uri, Framing.ContentLength, 10_000, HttpCompletionOption.ResponseHeadersRead, dispose: true, Drain.Full);
        using var cancel = new CancellationTokenSource(Timeout);

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pattern.SendAsync(client, new byte[64 * 1024], cancel.Token).WaitAsync(Guard));

        Assert.False(CensusLoop.IsStall(error, cancel.Token));
        Assert.IsNotType<BodyStallException>(error.InnerException);
    }

    private static HttpClient Client(TimeSpan timeout) => new(new SocketsHttpHandler(), disposeHandler: true) { Timeout = timeout };

    /// <summary>An HTTP/1.1 server on loopback that answers every request with a Content-Length body of which it sends only the first bytes.</summary>
    private sealed class PartialServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly List<Socket> _held = [];
        private int _requests;

        public PartialServer(int contentLength, int sent, TimeSpan bodyDelay = default)
        {
            _listener.Start();
            Uri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
            _ = ServeAsync(contentLength, sent, bodyDelay);
        }

        public Uri Uri { get; }

        public int Requests => Volatile.Read(ref _requests);

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            lock (_held)
            {
                _held.ForEach(s => s.Dispose());
            }

            _stop.Dispose();
        }

        private async Task ServeAsync(int contentLength, int sent, TimeSpan bodyDelay)
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var socket = await _listener.AcceptSocketAsync(_stop.Token);
                    lock (_held)
                    {
                        _held.Add(socket);
                    }

                    _ = AnswerAsync(socket, contentLength, sent, bodyDelay);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }

        private async Task AnswerAsync(Socket socket, int contentLength, int sent, TimeSpan bodyDelay)
        {
            var request = new StringBuilder();
            var buffer = new byte[4096];
            try
            {
                while (true)
                {
                    var n = await socket.ReceiveAsync(buffer, _stop.Token);
                    if (n == 0)
                    {
                        return;
                    }

                    request.Append(Encoding.ASCII.GetString(buffer, 0, n));
                    while (request.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal) is var end and >= 0)
                    {
                        request.Remove(0, end + 4);
                        Interlocked.Increment(ref _requests);
                        await socket.SendAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {contentLength}\r\n\r\n"), _stop.Token);
                        if (bodyDelay > TimeSpan.Zero)
                        {
                            await Task.Delay(bodyDelay, _stop.Token);
                        }

                        // The first bytes of the body; when that is not all of it, nothing more ever comes on this connection.
                        await socket.SendAsync(new byte[sent], _stop.Token);
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client closed, or the test ended.
            }
        }
    }
}
