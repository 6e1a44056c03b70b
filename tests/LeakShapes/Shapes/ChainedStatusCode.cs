using System.Net;

namespace LeakShapes.Shapes;

// A chained member access on the awaited response: no variable ever holds it, so nothing can dispose it.
// Study case: DisposeDrainBenchmarks.Undisposed_Unread(Completion=ResponseHeadersRead, BodyBytes=1024).
public static class ChainedStatusCode
{
    public static async Task<HttpStatusCode> StatusAsync(HttpClient client, Uri url) =>
        (await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead)).StatusCode;
}
