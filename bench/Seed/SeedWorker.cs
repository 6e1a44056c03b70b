using System.Diagnostics;
using System.Runtime.InteropServices;

namespace LeakBench.Seed;

/// <summary>
/// The .NET side of one article test, run in a fresh process: five GETs on one <see cref="HttpClient"/>
/// (the analogue of Go's <c>http.DefaultClient</c>), each response disposed or not and read to the end
/// or not as the test says, then the article's 1 s settle. The connections are counted from outside at two
/// checkpoints (after the settle, after a forced full GC): counting inside would allocate, and on a busy
/// machine (a large socket table) that allocation alone triggers the GC that finalizes the leak.
/// </summary>
public static class SeedWorker
{
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    public const string BeforeGc = "before-gc";
    public const string AfterGc = "after-gc";

    /// <summary>The read buffer: the census's size, so a full drain reads as the study's cases do.</summary>
    public const int ReadBufferBytes = 64 * 1024;

    /// <param name="arguments">What to run.</param>
    /// <param name="checkpoint">Called with <see cref="BeforeGc"/> and <see cref="AfterGc"/>; returns once the connections are counted.</param>
    /// <param name="cancellationToken">Stops the requests and the settle.</param>
    public static async Task<DotnetWorkerReport> RunAsync(SeedWorkerArguments arguments, Func<string, Task> checkpoint, CancellationToken cancellationToken = default)
    {
        var test = arguments.Test ?? throw new ArgumentException(arguments.Error, nameof(arguments));
        var pattern = arguments.Pattern;
        var buffer = new byte[ReadBufferBytes];

        using var client = new HttpClient(new SocketsHttpHandler());
        for (var i = 0; i < ArticleTest.Requests; i++)
        {
            // Its own method, so an undisposed response is referenced by nothing once it returns (a local of
            // this method's async state machine would keep the last one alive through the GC).
            await pattern.SendAsync(client, buffer, cancellationToken);
        }

        await Task.Delay(Settle, cancellationToken);
        int threads;
        using (var self = Process.GetCurrentProcess())
        {
            threads = self.Threads.Count;
        }

        await checkpoint(BeforeGc);
        var gcs = GC.CollectionCount(0);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        await checkpoint(AfterGc);

        // The client (and its pool) must outlive the counts, as Go's DefaultClient does.
        GC.KeepAlive(client);
        return new DotnetWorkerReport(test.Number, arguments.Completion, arguments.BodyBytes, ArticleTest.Requests, threads, gcs, RuntimeInformation.FrameworkDescription);
    }
}
