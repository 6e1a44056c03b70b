namespace LeakShapes.Shapes;

// A response returned to the caller: the helper hands ownership over, and the caller checks the status and drops it.
// Study case: DisposeDrainBenchmarks.Undisposed_Unread(Completion=ResponseHeadersRead, BodyBytes=1024).
public static class ReturnedToCaller
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, Uri url) =>
        await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);

    public static async Task<bool> IsUpAsync(HttpClient client, Uri url)
    {
        var response = await SendAsync(client, url);
        return response.IsSuccessStatusCode;
    }
}
