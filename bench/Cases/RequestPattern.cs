using System.Globalization;
using System.Net;

namespace LeakBench.Cases;

/// <summary>
/// One request as a case makes it: which URL, which completion option, how much of the body is read
/// and whether the response is disposed. The census and the timed benchmark send exactly this.
/// Every request checks its status code; a full read checks the byte count.
/// </summary>
public sealed record RequestPattern(Uri Uri, HttpCompletionOption Completion, bool Dispose, Drain Drain, HttpStatusCode ExpectedStatus, long ExpectedBytes)
{
    /// <summary>What a partial drain reads: a typical "peek at the start of the body".</summary>
    public const int PartialBytes = 4096;

    /// <summary>Told of every response the pattern leaves undisposed (the census counts the ones still alive); null: nobody is told.</summary>
    public Action<HttpResponseMessage>? OnUndisposed { get; init; }

    /// <summary>The requests <paramref name="case"/> sends to the target at <paramref name="target"/>.</summary>
    public static RequestPattern For(Uri target, StudyCase @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return For(target, @case.Framing, @case.BodyBytes, @case.Completion, @case.Disposed, @case.Drain);
    }

    /// <summary>The pattern for a body of <paramref name="bytes"/> framed as <paramref name="framing"/> on <paramref name="target"/>.</summary>
    public static RequestPattern For(Uri target, Framing framing, long bytes, HttpCompletionOption completion, bool dispose, Drain drain) => framing switch
    {
        Framing.ContentLength => new(new Uri(target, string.Create(CultureInfo.InvariantCulture, $"/bytes/{bytes}")), completion, dispose, drain, HttpStatusCode.OK, bytes),
        Framing.Chunked => new(new Uri(target, string.Create(CultureInfo.InvariantCulture, $"/chunked/{bytes}?chunk=4096")), completion, dispose, drain, HttpStatusCode.OK, bytes),
        Framing.Empty => new(new Uri(target, "/empty"), completion, dispose, drain, HttpStatusCode.NoContent, 0),
        _ => throw new ArgumentOutOfRangeException(nameof(framing), framing, null),
    };

    /// <summary>
    /// Sends the request. Throws when the status or the byte count is wrong. Every wait is bounded by the client's
    /// timeout: the headers by <see cref="HttpClient.Timeout"/>, each body read by a deadline that passes at the same
    /// time after the request began (<see cref="ReadDeadline"/>); a body that stalls ends in the exception HttpClient's
    /// timeout throws (<see cref="TaskCanceledException"/> of a <see cref="TimeoutException"/>), saying how far it got.
    /// </summary>
    /// <param name="buffer">A scratch buffer for reading, one per caller; its contents are discarded (the read goes nowhere, as to Stream.Null).</param>
    public async Task SendAsync(HttpClient client, byte[] buffer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(buffer);
        // One async method, not a wrapper around another: a second state machine would add its allocation to every request.
        var deadline = ReadDeadline.For(buffer);
        var readToken = deadline.Start(client.Timeout, cancellationToken);
        // Deliberately not 'using': whether the response is disposed is the case's question.
        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync(Uri, Completion, cancellationToken);
        }
        catch
        {
            deadline.End();
            throw;
        }

        long read = 0;
        try
        {
            if (response.StatusCode != ExpectedStatus)
            {
                throw new HttpRequestException($"GET {Uri} answered {(int)response.StatusCode}, expected {(int)ExpectedStatus}");
            }

            if (Drain == Drain.None)
            {
                return;
            }

            var body = await response.Content.ReadAsStreamAsync(readToken);
            var limit = Drain == Drain.Partial4KiB ? PartialBytes : long.MaxValue;
            while (read < limit)
            {
                var n = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - read)), readToken);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            if (Drain == Drain.Full && read != ExpectedBytes)
            {
                throw new HttpRequestException(string.Create(CultureInfo.InvariantCulture, $"GET {Uri} gave {read} bytes, expected {ExpectedBytes}"));
            }
        }
        // A cancelled read ends in OperationCanceledException, or in an IOException when the cancellation closed an HTTP/1.1 connection under it.
        catch (Exception e) when (e is OperationCanceledException or IOException && readToken.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw BodyStall(client.Timeout, read, e);
        }
        finally
        {
            deadline.End();
            if (Dispose)
            {
                response.Dispose();
            }
            else
            {
                OnUndisposed?.Invoke(response);
            }
        }
    }

    /// <summary>A body read that the request timeout ended, in the shape of HttpClient's own timeout (a stall, not a failure).</summary>
    private TaskCanceledException BodyStall(TimeSpan timeout, long read, Exception cancelled)
    {
        var stall = new BodyStallException(read, Drain == Drain.Partial4KiB ? Math.Min(PartialBytes, ExpectedBytes) : ExpectedBytes, cancelled);
        return new TaskCanceledException(
            string.Create(CultureInfo.InvariantCulture, $"GET {Uri} stalled {stall.Message}: the request timeout of {timeout.TotalSeconds:0.###} s passed"), stall);
    }
}
