using System.Text.Json;

namespace LeakBench.Census;

/// <summary>
/// How a census travels from the benchmark process to the host: BenchmarkDotNet 0.15.8 has no channel
/// for custom per-benchmark values (its issue #784), so the host names a file in an environment variable
/// and the benchmark process writes its census there as JSON.
/// </summary>
public static class CensusFile
{
    /// <summary>The file the benchmark process writes its census to; unset means "no census in this process".</summary>
    public const string PathVariable = "LEAKBENCH_CENSUS_FILE";

    /// <summary>Census size (requests) for the benchmark process.</summary>
    public const string RequestsVariable = "LEAKBENCH_CENSUS_REQUESTS";

    /// <summary>Socket cap for the benchmark process: its case's, whatever its body (tests set a small one).</summary>
    public const string MaxOpenVariable = "LEAKBENCH_CENSUS_MAX_OPEN";

    /// <summary>Requests between two trajectory samples (tests sample small censuses more often than the study).</summary>
    public const string TrajectoryStepVariable = "LEAKBENCH_CENSUS_TRAJECTORY_STEP";

    /// <summary>The OS socket source for the benchmark process ("proc" or "portable"; unset means the OS's default).</summary>
    public const string SocketTableVariable = "LEAKBENCH_CENSUS_SOCKET_TABLE";

    /// <summary>The pairing's settings for this case, as JSON: the host decides them per case (the job's cap, the case's precision target, block size and callers).</summary>
    public const string PairingSettingsVariable = "LEAKBENCH_PAIRING_SETTINGS";

    /// <summary>The run's practical margin, a fraction (the host's --margin), which the pairing's result records.</summary>
    public const string LatencyMarginVariable = "LEAKBENCH_LATENCY_MARGIN";

    /// <summary>The census's wait after the last request, in milliseconds (shorter in the quick job).</summary>
    public const string SettleVariable = "LEAKBENCH_CENSUS_SETTLE_MS";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static void Write(string path, CensusResult result)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(result, Json));
        File.Move(temp, path, overwrite: true); // the host never sees half a file
    }

    public static CensusResult? TryRead(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<CensusResult>(File.ReadAllText(path), Json) : null;

    /// <summary>The settings the host handed to this benchmark process, or null when it asked for no census.</summary>
    public static (string Path, CensusSettings Settings)? FromEnvironment()
    {
        var path = Environment.GetEnvironmentVariable(PathVariable);
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        var settings = new CensusSettings();
        if (int.TryParse(Environment.GetEnvironmentVariable(RequestsVariable), System.Globalization.CultureInfo.InvariantCulture, out var requests) && requests > 0)
        {
            settings = settings with { Requests = requests };
        }

        if (int.TryParse(Environment.GetEnvironmentVariable(TrajectoryStepVariable), System.Globalization.CultureInfo.InvariantCulture, out var step) && step > 0)
        {
            settings = settings with { TrajectoryStep = step };
        }

        if (int.TryParse(Environment.GetEnvironmentVariable(MaxOpenVariable), System.Globalization.CultureInfo.InvariantCulture, out var maxOpen) && maxOpen > 0)
        {
            // The host sends the case's own cap (CensusSettings.MaxOpenSocketsFor), so it holds whatever the body.
            settings = settings with { MaxOpenSockets = maxOpen, SmallBodyMaxOpenSockets = maxOpen };
        }

        if (SocketTableSources.TryParse(Environment.GetEnvironmentVariable(SocketTableVariable), out var source))
        {
            settings = settings with { SocketTable = source };
        }

        if (Environment.GetEnvironmentVariable(PairingSettingsVariable) is { Length: > 0 } pairing)
        {
            settings = settings with { Pairing = JsonSerializer.Deserialize<Pairing.PairingSettings>(pairing) ?? settings.Pairing };
        }

        if (double.TryParse(Environment.GetEnvironmentVariable(LatencyMarginVariable), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var margin) && Statistics.PracticalMargin.Check(margin) is null)
        {
            settings = settings with { LatencyMargin = margin };
        }

        if (int.TryParse(Environment.GetEnvironmentVariable(SettleVariable), System.Globalization.CultureInfo.InvariantCulture, out var settleMs) && settleMs >= 0)
        {
            settings = settings with { Settle = TimeSpan.FromMilliseconds(settleMs) };
        }

        return (path, settings);
    }
}
