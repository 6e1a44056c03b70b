using System.Globalization;

namespace LeakBench.Reports;

/// <summary>
/// Number formats of the report, all in the invariant culture: a published table reads the same whatever
/// machine wrote it. Three significant digits for measured values; exact integers for counts.
/// </summary>
public static class ReportFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A body size: exact binary units when exact ("1 KiB", "2 MiB"), else three significant digits.</summary>
    public static string Size(long bytes)
    {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0)
        {
            return (bytes >> 20).ToString(Invariant) + " MiB";
        }

        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0)
        {
            return (bytes >> 10).ToString(Invariant) + " KiB";
        }

        return bytes < 1 << 10 ? bytes.ToString(Invariant) + " B" : Bytes(bytes);
    }

    /// <summary>
    /// A byte figure such as allocations per request: "840 B", "3.38 KiB", "2.00 MiB". A negative one (a difference, such
    /// as the bytes a forced GC kept minus the next one's) takes the report's minus sign, U+2212, before its size: "−168 B".
    /// </summary>
    public static string Bytes(double bytes) => bytes switch
    {
        < 0 => "−" + Bytes(-bytes),
        < 1024 => Significant(bytes) + " B",
        < 1024 * 1024 => Significant(bytes / 1024) + " KiB",
        < 1024.0 * 1024 * 1024 => Significant(bytes / (1024 * 1024)) + " MiB",
        _ => Significant(bytes / (1024.0 * 1024 * 1024)) + " GiB",
    };

    /// <summary>A latency given in nanoseconds: "850 ns", "12.3 µs", "1.23 ms", "2.00 s".</summary>
    public static string Latency(double nanoseconds) => nanoseconds switch
    {
        < 1e3 => Significant(nanoseconds) + " ns",
        < 1e6 => Significant(nanoseconds / 1e3) + " µs",
        < 1e9 => Significant(nanoseconds / 1e6) + " ms",
        _ => Significant(nanoseconds / 1e9) + " s",
    };

    /// <summary>A rate per 1,000 requests: at most one decimal, trailing zero dropped ("1000", "0.2", "333.3").</summary>
    public static string Per1k(double value) => value.ToString("0.#", Invariant);

    /// <summary>A ratio to a baseline: "1.23×".</summary>
    public static string Ratio(double ratio) => ratio.ToString("0.00", Invariant) + "×";

    /// <summary>A fraction as a percentage: 0.05 gives "5%", 0.123 gives "12.3%".</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0.#", Invariant) + "%";

    /// <summary>An exact count.</summary>
    public static string Count(long value) => value.ToString(Invariant);

    /// <summary>A number for a machine (CSV): the shortest text that parses back to the same double.</summary>
    public static string Raw(double value) => value.ToString("R", Invariant);

    private static string Significant(double value) => value switch
    {
        >= 100 => value.ToString("0", Invariant),
        >= 10 => value.ToString("0.0", Invariant),
        _ => value.ToString("0.00", Invariant),
    };
}
