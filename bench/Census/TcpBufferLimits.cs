using System.Globalization;

namespace LeakBench.Census;

/// <summary>
/// The machine's TCP buffer limits (<c>/proc/sys/net/ipv4/tcp_rmem</c> and <c>tcp_wmem</c>: min, default and max bytes
/// per socket): they bound what one connection can hold queued in the kernel on each end, so the report's environment
/// block carries them beside the queued bytes. Linux only: elsewhere "n/a".
/// </summary>
public static class TcpBufferLimits
{
    public const string ReceivePath = "/proc/sys/net/ipv4/tcp_rmem";
    public const string SendPath = "/proc/sys/net/ipv4/tcp_wmem";

    /// <summary>"tcp_rmem 4096 131072 6291456; tcp_wmem 4096 16384 4194304 (bytes: min, default, max)", or "n/a (…)" where the files do not exist.</summary>
    public static string Describe(string receivePath = ReceivePath, string sendPath = SendPath)
    {
        if (!File.Exists(receivePath) || !File.Exists(sendPath))
        {
            return "n/a (read from /proc/sys/net/ipv4: Linux only)";
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"tcp_rmem {Normalize(File.ReadAllText(receivePath))}; tcp_wmem {Normalize(File.ReadAllText(sendPath))} (bytes: min, default, max)");
    }

    // The kernel separates the three numbers with tabs.
    private static string Normalize(string text) => string.Join(' ', text.Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
