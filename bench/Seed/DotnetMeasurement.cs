using System.Text.Json;

namespace LeakBench.Seed;

/// <summary>
/// What one .NET run of an article test left behind, counted inside its own fresh process: client
/// connections ESTABLISHED to the target after the 1 s settle, the same after a forced full GC with
/// finalizers, and the process's thread count (the goroutine analogue) after the settle.
/// </summary>
public sealed record DotnetMeasurement(
    int Test,
    DotnetCompletion Completion,
    int BodyBytes,
    int Requests,
    int ConnectionsBeforeGc,
    int ConnectionsAfterGc,
    int Threads,
    string Runtime)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>The worker prints its measurement as one line starting with this.</summary>
    public const string LinePrefix = "LEAKBENCH_SEED_DOTNET ";

    public string ToLine() => LinePrefix + JsonSerializer.Serialize(this, Json);

    /// <summary>The measurement in a worker's output line, or null when the line is not one.</summary>
    public static DotnetMeasurement? TryParseLine(string? line) =>
        line is not null && line.StartsWith(LinePrefix, StringComparison.Ordinal)
            ? JsonSerializer.Deserialize<DotnetMeasurement>(line.AsSpan(LinePrefix.Length), Json)
            : null;
}
