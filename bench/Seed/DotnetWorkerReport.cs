using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeakBench.Seed;

/// <summary>
/// What a .NET worker reports about itself when it is done: its thread count after the settle and how many
/// collections had run before its connections were counted (the counts themselves are taken from outside).
/// </summary>
public sealed record DotnetWorkerReport(int Test, HttpCompletionOption Completion, int BodyBytes, int Requests, int Threads, int GcsBeforeCount, string Runtime)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The worker prints its report as one line starting with this.</summary>
    public const string LinePrefix = "LEAKBENCH_SEED_DOTNET ";

    /// <summary>
    /// The worker prints this plus a checkpoint name ("before-gc", "after-gc") when its connections are to be
    /// counted, then waits for a line (or the end) of stdin.
    /// </summary>
    public const string CountPrefix = "LEAKBENCH_SEED_COUNT ";

    public string ToLine() => LinePrefix + JsonSerializer.Serialize(this, Json);

    /// <summary>The report in a worker's output line, or null when the line is not one.</summary>
    public static DotnetWorkerReport? TryParseLine(string? line) =>
        line is not null && line.StartsWith(LinePrefix, StringComparison.Ordinal)
            ? JsonSerializer.Deserialize<DotnetWorkerReport>(line.AsSpan(LinePrefix.Length), Json)
            : null;
}
