using System.Globalization;

namespace LeakBench.RuntimePairing;

/// <summary>
/// One block of a runtime-pair child: the Harrell–Davis median and P95 of its requests' latencies (µs, as the case
/// pairing takes a block's quantiles) and the GCs of each generation that ran during its timed sub-blocks. The GCs are kept
/// because on 2 cores the waiting process still runs tiering and finalizers, and a block's GCs explain an outlier.
/// </summary>
public sealed record BlockResult(double MedianMicroseconds, double P95Microseconds, int Gen0, int Gen1, int Gen2)
{
    public string ToLine() => string.Create(CultureInfo.InvariantCulture, $"{MedianMicroseconds:R} {P95Microseconds:R} {Gen0} {Gen1} {Gen2}");

    /// <summary>The line <see cref="ToLine"/> wrote; throws <see cref="FormatException"/> for anything else (a child's error text).</summary>
    public static BlockResult Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var p = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (p.Length != 5)
        {
            throw new FormatException($"not a block result: '{line}'");
        }

        var c = CultureInfo.InvariantCulture;
        return new BlockResult(double.Parse(p[0], c), double.Parse(p[1], c), int.Parse(p[2], c), int.Parse(p[3], c), int.Parse(p[4], c));
    }
}
