namespace LeakShapes.Shapes;

// The recommended pattern: 'using', the body read to the end.
// Study case: DisposeDrainBenchmarks.Disposed_ReadToEnd(Completion=ResponseHeadersRead, BodyBytes=1024).
public static class UsingAndReading
{
    public static async Task<string> BodyAsync(HttpClient client, Uri url)
    {
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        return await response.Content.ReadAsStringAsync();
    }
}
