namespace LeakShapes.Shapes;

// A new HttpClient per request, never disposed (the response is handled well).
// Study case: LifetimeBenchmarks.Disposed_ReadToEnd(Lifetime=PerRequestUndisposed).
public static class NewClientPerRequest
{
    public static async Task<string> BodyAsync(Uri url)
    {
        var client = new HttpClient();
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        return await response.Content.ReadAsStringAsync();
    }
}
