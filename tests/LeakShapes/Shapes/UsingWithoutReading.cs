using System.Net;

namespace LeakShapes.Shapes;

// 'using' without reading: disposed, the body never read.
// Study case: DisposeDrainBenchmarks.Disposed_Unread(Completion=ResponseHeadersRead, BodyBytes=1024).
public static class UsingWithoutReading
{
    public static async Task<HttpStatusCode> StatusAsync(HttpClient client, Uri url)
    {
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        return response.StatusCode;
    }
}
