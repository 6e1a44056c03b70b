namespace LeakShapes.Shapes;

// The body read to the end, the response never disposed.
// Study case: DisposeDrainBenchmarks.Undisposed_ReadToEnd(Completion=ResponseHeadersRead, BodyBytes=1024).
public static class ReadWithoutUsing
{
    public static async Task<string> BodyAsync(HttpClient client, Uri url)
    {
        var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        return await response.Content.ReadAsStringAsync();
    }
}
