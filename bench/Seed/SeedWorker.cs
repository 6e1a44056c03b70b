using System.Diagnostics;
using System.Net;

namespace LeakBench.Seed;

/// <summary>
/// The .NET side of one article test, run in a fresh process: five GETs on one <see cref="HttpClient"/>
/// (the analogue of Go's <c>http.DefaultClient</c>), each response disposed or not and read to the end
/// or not as the test says, then the article's 1 s settle, then the census of this process's sockets.
/// </summary>
public static class SeedWorker
{
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    public static async Task<DotnetMeasurement> RunAsync(SeedWorkerArguments arguments, CancellationToken cancellationToken = default)
    {
        var test = arguments.Test ?? throw new ArgumentException(arguments.Error, nameof(arguments));
        var uri = arguments.RequestUri;
        var completion = arguments.Completion == DotnetCompletion.HeadersRead
            ? HttpCompletionOption.ResponseHeadersRead
            : HttpCompletionOption.ResponseContentRead;

        using var client = new HttpClient(new SocketsHttpHandler());
        for (var i = 0; i < ArticleTest.Requests; i++)
        {
            await OneRequestAsync(client, uri, completion, test, arguments.BodyBytes, cancellationToken);
        }

        await Task.Delay(Settle, cancellationToken);
        var pid = Environment.ProcessId;
        var before = ProcessSockets.CountEstablished(pid, uri.Port);
        int threads;
        using (var self = Process.GetCurrentProcess())
        {
            threads = self.Threads.Count;
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var after = ProcessSockets.CountEstablished(pid, uri.Port);

        // The client (and its pool) must outlive the counts, as Go's DefaultClient does.
        GC.KeepAlive(client);
        return new DotnetMeasurement(test.Number, arguments.Completion, arguments.BodyBytes, ArticleTest.Requests, before, after, threads, System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
    }

    /// <summary>
    /// One request in its own method so that an undisposed response is referenced by nothing once it
    /// returns (a local of the caller's async state machine would keep the last one alive through the GC).
    /// </summary>
    private static async Task OneRequestAsync(HttpClient client, Uri uri, HttpCompletionOption completion, ArticleTest test, int expectedBytes, CancellationToken cancellationToken)
    {
        var response = await client.GetAsync(uri, completion, cancellationToken);
        try
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new HttpRequestException($"GET {uri} returned {(int)response.StatusCode}");
            }

            if (test.ReadsToEnd)
            {
                // Go's ioutil.ReadAll(resp.Body).
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                if (body.Length != expectedBytes)
                {
                    throw new HttpRequestException($"GET {uri} returned {body.Length} bytes, expected {expectedBytes}");
                }
            }
        }
        finally
        {
            if (test.Closes)
            {
                // Go's resp.Body.Close().
                response.Dispose();
            }
        }
    }
}
