namespace LeakBench.Server;

/// <summary>
/// The deterministic body every endpoint sends: byte <c>i</c> of a body is <c>i % 251</c>.
/// 251 is prime, so no chunk or buffer size lines up with the pattern and a misplaced or dropped
/// byte shows up as a mismatch.
/// </summary>
public static class BytePattern
{
    public const int Period = 251;

    // A whole number of periods, so consecutive writes of this block keep the pattern going.
    private static readonly byte[] Block = CreateBlock(Period * 261);

    public static byte At(long offset) => (byte)(offset % Period);

    /// <summary>True when <paramref name="data"/> is the pattern starting at <paramref name="offset"/>.</summary>
    public static bool Matches(ReadOnlySpan<byte> data, long offset)
    {
        for (var i = 0; i < data.Length; i++)
        {
            if (data[i] != At(offset + i))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes <paramref name="size"/> pattern bytes, in pieces of at most <paramref name="piece"/> bytes,
    /// calling <paramref name="write"/> once per piece (each piece becomes one chunk when the response is chunked).</summary>
    public static async Task WriteAsync(long size, int piece, Func<ReadOnlyMemory<byte>, Task> write)
    {
        long written = 0;
        while (written < size)
        {
            var start = (int)(written % Period);
            var n = (int)Math.Min(Math.Min(piece, size - written), Block.Length - start);
            await write(Block.AsMemory(start, n));
            written += n;
        }
    }

    private static byte[] CreateBlock(int length)
    {
        var block = new byte[length];
        for (var i = 0; i < block.Length; i++)
        {
            block[i] = At(i);
        }

        return block;
    }
}
