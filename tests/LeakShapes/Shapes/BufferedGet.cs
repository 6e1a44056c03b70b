using System.Net;

namespace LeakShapes.Shapes;

// GetAsync(url) with its default, ResponseContentRead: the body is buffered before GetAsync returns, and the
// response is dropped undisposed.
// Study case: DisposeDrainBenchmarks.Undisposed_Unread(Completion=ResponseContentRead, BodyBytes=1024).
public static class BufferedGet
{
    public static async Task<HttpStatusCode> StatusAsync(HttpClient client, Uri url)
    {
        var response = await client.GetAsync(url);
        return response.StatusCode;
    }
}
