namespace LeakShapes.Shapes;

// A discarded result: the caller only wants the request sent (a ping, a webhook), so the response goes to '_'.
// Study case: DisposeDrainBenchmarks.Undisposed_Unread(Completion=ResponseHeadersRead, BodyBytes=1024).
public static class DiscardedResult
{
    public static async Task PingAsync(HttpClient client, Uri url)
    {
        _ = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
    }
}
