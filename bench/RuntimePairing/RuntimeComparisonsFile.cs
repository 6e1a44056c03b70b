using System.Text.Json;

namespace LeakBench.RuntimePairing;

/// <summary>
/// runtime_comparisons.json, the raw record of a run's cross-runtime pairing: every comparison as the study made it,
/// failures, stop reasons and times included (runtime_pairs.csv keeps only the block pairs). The report's runtime
/// sections are rendered from it.
/// </summary>
public static class RuntimeComparisonsFile
{
    public const string FileName = "runtime_comparisons.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static void Write(string folder, IReadOnlyList<RuntimeCaseComparison> comparisons) =>
        File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(comparisons, Json) + "\n");

    /// <summary>The comparisons; null when the run has no such file (it paired no runtimes, or predates the file).</summary>
    public static IReadOnlyList<RuntimeCaseComparison>? TryRead(string folder)
    {
        var path = Path.Combine(folder, FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<List<RuntimeCaseComparison>>(File.ReadAllText(path), Json) : null;
    }
}
