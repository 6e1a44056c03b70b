using LeakBench.Cases;
using LeakBench.Census;
using LeakBench.Pairing;
using LeakBench.Reports;
using LeakBench.Statistics;

namespace LeakBench.Tests.Reports;

/// <summary>
/// A small hand-built study: the baseline, a reused connection, a leak and a close, 1,000 requests each.
/// Every number is chosen by hand so that the expected files can be checked by eye.
/// </summary>
public static class ReportSamples
{
    public static readonly StudyRuntime Net10 = new(".NET 10.0.12", "net10.0");

    public static readonly StudyRuntime Net8 = new(".NET 8.0.22", "net8.0");

    public static StudyEnvironment Environment { get; } = new()
    {
        BenchmarkDotNet = "0.15.8",
        Os = "Debian GNU/Linux 12 (bookworm)",
        Cpu = "AMD EPYC 7B13, 1 CPU, 2 logical and 2 physical cores",
        Cores = "2 logical and 2 physical cores",
        Runtimes = [".NET 10.0.12 (10.0.1226.5, X64 RyuJIT AVX2)"],
        Sdk = "10.0.401",
        Job = "LeakBenchJob (OutlierMode=DontRemove, InvocationCount=1000)",
        Date = "2026-11-26T14:00:00Z",
        CommandLine = "dotnet run -c Release --project bench -- study --requests 1000",
    };

    /// <summary>Disposed and read to the end, ResponseContentRead, 1 KiB: the recommended pattern.</summary>
    public static StudyRow Baseline { get; } = new()
    {
        Benchmark = "DisposeDrainBenchmarks",
        Method = "Get",
        Runtime = Net10,
        Case = new() { Disposed = true, Drain = Drain.Full, Completion = HttpCompletionOption.ResponseContentRead, BodyBytes = 1024 },
        IsBaseline = true,
        BaselineCase = new() { Disposed = true, Drain = Drain.Full, Completion = HttpCompletionOption.ResponseContentRead, BodyBytes = 1024 },
        MeanNs = 61_234.5,
        ErrorNs = 1_224.69, // 2% of the mean
        MedianNs = 58_000,
        P95Ns = 82_500,
        P99Ns = 120_300,
        AllocatedBytesPerRequest = 3_456.25,
        Gen0Per1k = 1.5,
        Gen1Per1k = 0,
        Gen2Per1k = 0,
        Census = Census(opened: 1, peak: 1, leaked: 1, afterGc: 1, timeWait: 0, threads: 14, trajectory: [1, 1, 1, 1, 1]) with { Latency = Paired(1.01, 0.98, 1.03, isAa: true), LatencyP50Us = 57.2 },
    };

    /// <summary>Undisposed and unread, but ResponseContentRead buffered the body: the connection went back to the pool.</summary>
    public static StudyRow Reused { get; } = Baseline with
    {
        Case = Baseline.Case with { Disposed = false, Drain = Drain.None },
        IsBaseline = false,
        MeanNs = 63_000,
        MedianNs = 59_500,
        P95Ns = 90_750,
        P99Ns = 131_000,
        AllocatedBytesPerRequest = 3_500,
        AllocationRatio = 3_500 / 3_456.25,
        Census = Census(opened: 1, peak: 1, leaked: 1, afterGc: 1, timeWait: 0, threads: 14, trajectory: [1, 1, 1, 1, 1]) with { Latency = Paired(1.02, 0.97, 1.04), LatencyP50Us = 58.1 },
    };

    /// <summary>Undisposed and unread with ResponseHeadersRead: every request holds its connection until a full GC.</summary>
    public static StudyRow Leaking { get; } = Baseline with
    {
        Case = Baseline.Case with { Disposed = false, Drain = Drain.None, Completion = HttpCompletionOption.ResponseHeadersRead },
        BaselineCase = Baseline.Case with { Completion = HttpCompletionOption.ResponseHeadersRead }, // as the catalog names it: completion is a parameter
        IsBaseline = false,
        MeanNs = 150_000,
        ErrorNs = 22_500, // 15% of the mean: marked
        MedianNs = 140_000,
        P95Ns = 210_000,
        P99Ns = 480_000,
        AllocatedBytesPerRequest = 9_876.5,
        AllocationRatio = 9_876.5 / 3_456.25,
        Gen0Per1k = 4,
        Census = Census(opened: 1000, peak: 998, leaked: 998, afterGc: 0, timeWait: 0, threads: 15, trajectory: [200, 400, 598, 798, 998]) with { Latency = Paired(2.10, 2.02, 2.19), LatencyP50Us = 131 },
    };

    /// <summary>Disposed and unread, 2 MiB: the remainder exceeds the 1 MiB drain limit, so each connection is closed.</summary>
    public static StudyRow Closing { get; } = Baseline with
    {
        Case = new() { Disposed = true, Drain = Drain.None, Completion = HttpCompletionOption.ResponseHeadersRead, BodyBytes = 2 * 1024 * 1024 },
        BaselineCase = new() { Disposed = true, Drain = Drain.Full, Completion = HttpCompletionOption.ResponseHeadersRead, BodyBytes = 2 * 1024 * 1024 },
        IsBaseline = false,
        MeanNs = 1_234_567.8,
        MedianNs = 1_200_000,
        P95Ns = 1_450_000,
        P99Ns = 2_100_000,
        AllocatedBytesPerRequest = 12_345,
        AllocationRatio = 12_345 / 3_456.25,
        Gen0Per1k = null,
        Gen1Per1k = null,
        Gen2Per1k = null,
        Census = Census(opened: 1000, peak: 1, leaked: 0, afterGc: 0, timeWait: 1000, threads: 14, trajectory: [1, 1, 0, 1, 1]) with
        {
            Latency = Paired(0.40, 0.36, 0.45),
            LatencyP50Us = 1_180,
            Disagreements = ["telemetry saw 2 open connections, the OS table 1 (\"idle\" | active)"],
        },
    };

    public static IReadOnlyList<StudyRow> Rows { get; } = [Baseline, Reused, Leaking, Closing];

    /// <summary>The charts the sample rows have: their plan, as the report links it.</summary>
    public static IReadOnlyList<ChartFile> Charts { get; } = StudyCharts.Plan(Rows);

    public static CensusResult Census(int opened, int peak, int leaked, int afterGc, int timeWait, int threads, int[] trajectory, int requests = 1000) => new()
    {
        Requests = requests,
        Succeeded = requests,
        ConnectionsOpened = opened,
        PeakOpen = peak,
        Leaked = leaked,
        AfterGc = afterGc,
        TimeWait = timeWait,
        CloseWait = 0,
        ServerActive = afterGc,
        Threads = threads,
        Gen0 = 0,
        Gen1 = 0,
        Gen2 = 0,
        TrajectoryStep = requests / trajectory.Length,
        Trajectory = trajectory,
    };

    /// <summary>A paired latency: the median's ratio and bounds as given, the P95's a little wider, over 20 block pairs.</summary>
    public static PairedLatency Paired(double ratio, double lower, double upper, bool isAa = false) => new()
    {
        Median = new RatioInterval(ratio, lower, upper, 20),
        P95 = new RatioInterval(ratio, lower * 0.9, upper * 1.1, 20),
        IsAa = isAa,
        Pairs = 20,
        Seconds = 1.5,
        SocketBoundGcs = 0,
        Settings = PairingSettings.Quick,
    };

    public static string Expected(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reports", "Samples", name));
}
