using System.Globalization;

namespace LeakBench.Cases;

/// <summary>A response body as the framing cases vary it: how it is framed and how big it is.</summary>
public sealed record BodyShape(Framing Framing, long Bytes)
{
    /// <summary>How the shape appears in tables and benchmark IDs (published: keep stable).</summary>
    public override string ToString() => Framing == Framing.Empty
        ? "Empty 204"
        : string.Create(CultureInfo.InvariantCulture, $"{Framing} {Size(Bytes)}");

    private static string Size(long bytes) =>
        bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)}MiB"
        : bytes % 1024 == 0 ? $"{bytes / 1024}KiB"
        : $"{bytes}B";
}
