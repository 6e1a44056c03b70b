using System.Text.Json;

namespace LeakBench.Cases;

/// <summary>
/// How the host tells a benchmark process which case it runs: BenchmarkDotNet's global setup does not
/// know its benchmark method, so the host (which does) puts the case and its baseline into the
/// process's environment as JSON before the process starts.
/// </summary>
public static class CaseChannel
{
    public const string Variable = "LEAKBENCH_CASE";

    /// <summary>The case of this process and the baseline of its group (null when the class has none).</summary>
    public sealed record Described(StudyCase Case, StudyCase? Baseline);

    public static string Encode(StudyCase @case, StudyCase? baseline) => JsonSerializer.Serialize(new Described(@case, baseline));

    /// <summary>The case the host named for this process; throws with a clear message when none was named.</summary>
    public static Described FromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } json
            ? JsonSerializer.Deserialize<Described>(json) ?? throw new InvalidOperationException($"{Variable} holds no case")
            : throw new InvalidOperationException(
                $"no case: {Variable} is not set. Run the study through its own command (./run.sh, or dotnet run -c Release --project bench), which names each benchmark process's case.");
}
