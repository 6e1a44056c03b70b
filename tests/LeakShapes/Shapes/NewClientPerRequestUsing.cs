namespace LeakShapes.Shapes;

// A new HttpClient per request in a 'using' (the response is handled well).
// Study case: LifetimeBenchmarks.Disposed_ReadToEnd(Lifetime=PerRequestDisposed).
public static class NewClientPerRequestUsing
{
    public static async Task<string> BodyAsync(Uri url)
    {
        using var client = new HttpClient();
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        return await response.Content.ReadAsStringAsync();
    }
}
