using System.Globalization;

namespace LeakBench.Server;

/// <summary>
/// The measured endpoints. Routing is by hand: the target should spend as little as possible per
/// request, and every malformed input must end in a 400 with a message rather than an exception.
/// </summary>
public static class Endpoints
{
    public const int DefaultChunk = 4096;

    public static async Task HandleAsync(HttpContext context, ServerOptions options)
    {
        var request = context.Request;
        var segments = (request.Path.Value ?? "/").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            await Fail(context, StatusCodes.Status405MethodNotAllowed, "only GET and HEAD are served");
            return;
        }

        switch (segments)
        {
            case ["empty"]:
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            case ["bytes", var size]:
                if (SizeError(size, options, out var n) is { } sizeError)
                {
                    await Fail(context, StatusCodes.Status400BadRequest, sizeError);
                    return;
                }

                await SendAsync(context, n, chunk: null);
                return;
            case ["chunked", var size]:
                var chunkedError = SizeError(size, options, out var c);
                var chunkError = ChunkError(context, out var chunk);
                if ((chunkedError ?? chunkError) is { } error)
                {
                    await Fail(context, StatusCodes.Status400BadRequest, error);
                    return;
                }

                await SendAsync(context, c, chunk);
                return;
            case ["delay", var ms, var size]:
                if (!int.TryParse(ms, NumberStyles.None, CultureInfo.InvariantCulture, out var delay) || delay > ServerOptions.MaxDelayMs)
                {
                    await Fail(context, StatusCodes.Status400BadRequest, $"delay must be a whole number of milliseconds from 0 to {ServerOptions.MaxDelayMs}, got '{ms}'");
                    return;
                }

                if (SizeError(size, options, out var d) is { } delayedSizeError)
                {
                    await Fail(context, StatusCodes.Status400BadRequest, delayedSizeError);
                    return;
                }

                await Task.Delay(delay, context.RequestAborted);
                await SendAsync(context, d, chunk: null);
                return;
            default:
                await Fail(context, StatusCodes.Status404NotFound, "endpoints: /bytes/{size}, /chunked/{size}?chunk={n}, /empty, /delay/{ms}/{size}");
                return;
        }
    }

    private static async Task SendAsync(HttpContext context, long size, int? chunk)
    {
        var response = context.Response;
        response.ContentType = "application/octet-stream";
        if (chunk is null)
        {
            response.ContentLength = size;
        }

        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        if (chunk is not null)
        {
            // Commit the headers now: a body that ends before any write would otherwise go out as Content-Length: 0.
            await response.StartAsync(context.RequestAborted);
        }

        // Without a Content-Length HTTP/1.1 responses are chunked; each write below becomes one chunk.
        var body = response.Body;
        var aborted = context.RequestAborted;
        await BytePattern.WriteAsync(size, chunk ?? 64 * 1024, async piece =>
        {
            await body.WriteAsync(piece, aborted);
            if (chunk is not null)
            {
                await body.FlushAsync(aborted);
            }
        });
    }

    private static string? SizeError(string text, ServerOptions options, out long size) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out size) && size <= options.MaxSize
            ? null
            : $"size must be a whole number of bytes from 0 to {options.MaxSize}, got '{text}'";

    private static string? ChunkError(HttpContext context, out int chunk)
    {
        var text = context.Request.Query["chunk"].ToString();
        if (text.Length == 0)
        {
            chunk = DefaultChunk;
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out chunk) && chunk is > 0 and <= 16 * 1024 * 1024
            ? null
            : $"chunk must be a whole number of bytes from 1 to 16777216, got '{text}'";
    }

    private static Task Fail(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message + "\n");
    }
}
