using System.Net;

namespace LeakShapes.Shapes;

// A local that is never disposed: the response is dropped when the method returns, its body unread.
// Study case: DisposeDrainBenchmarks.Undisposed_Unread(Completion=ResponseHeadersRead, BodyBytes=1024).
public static class NeverDisposedLocal
{
    public static async Task<HttpStatusCode> StatusAsync(HttpClient client, Uri url)
    {
        var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        return response.StatusCode;
    }
}
