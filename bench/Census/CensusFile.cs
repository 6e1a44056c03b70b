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

    /// <summary>Socket cap for the benchmark process.</summary>
    public const string MaxOpenVariable = "LEAKBENCH_CENSUS_MAX_OPEN";

    /// <summary>The OS socket source for the benchmark process ("proc" or "portable"; unset means the OS's default).</summary>
    public const string SocketTableVariable = "LEAKBENCH_CENSUS_SOCKET_TABLE";

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

        if (int.TryParse(Environment.GetEnvironmentVariable(MaxOpenVariable), System.Globalization.CultureInfo.InvariantCulture, out var maxOpen) && maxOpen > 0)
        {
            settings = settings with { MaxOpenSockets = maxOpen };
        }

        if (SocketTableSources.TryParse(Environment.GetEnvironmentVariable(SocketTableVariable), out var source))
        {
            settings = settings with { SocketTable = source };
        }

        return (path, settings);
    }
}
