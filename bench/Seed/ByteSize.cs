using System.Globalization;

namespace LeakBench.Seed;

/// <summary>Body sizes as the tables print them: "1 KiB", "2 MiB", otherwise bytes.</summary>
public static class ByteSize
{
    public static string Format(int bytes) => bytes switch
    {
        >= 1 << 20 when bytes % (1 << 20) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes >> 20} MiB"),
        >= 1 << 10 when bytes % (1 << 10) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes >> 10} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
    };
}
