using System.Text.Json;

namespace LeakBench.Runs;

/// <summary>
/// BenchmarkDotNet's figures of one case, as its full JSON export holds them: the statistics of the timed iterations
/// (per request, since a benchmark invocation is <c>RequestsPerInvoke</c> requests) and the memory diagnoser's counts.
/// </summary>
/// <param name="MeanNs">The mean; null when the case has no timed result.</param>
/// <param name="ErrorNs">Half the 99.9% confidence interval of the mean; null when it is not a finite number (one iteration).</param>
/// <param name="MedianNs">The median of the iterations.</param>
/// <param name="AllocatedBytesPerOperation">Allocated bytes per request; null when the memory diagnoser gave none.</param>
public sealed record BenchmarkDotNetFigures(double? MeanNs, double? ErrorNs, double? MedianNs, long? AllocatedBytesPerOperation, long Gen0, long Gen1, long Gen2, long TotalOperations);

/// <summary>
/// Reads BenchmarkDotNet's full JSON exports (<c>*-report-full.json</c>) of a run folder: under bdn/results in a run's
/// own folder, under bdn/ in a published one. They are BenchmarkDotNet's files, written by its exporter; this only reads them.
/// </summary>
public static class BenchmarkDotNetResults
{
    private const string Pattern = "*-report-full.json";

    /// <summary>Every case's figures, by its DisplayInfo; empty when the folder has no export (a run interrupted before any).</summary>
    public static IReadOnlyDictionary<string, BenchmarkDotNetFigures> Read(string folder)
    {
        var byCase = new Dictionary<string, BenchmarkDotNetFigures>(StringComparer.Ordinal);
        foreach (var file in Files(folder))
        {
            using var json = Parse(file);
            foreach (var benchmark in json.RootElement.GetProperty("Benchmarks").EnumerateArray())
            {
                byCase[benchmark.GetProperty("DisplayInfo").GetString()!] = FiguresOf(benchmark);
            }
        }

        return byCase;
    }

    /// <summary>The host's environment as BenchmarkDotNet described it in the first export; null without one.</summary>
    public static JsonElement? HostEnvironment(string folder)
    {
        var files = Files(folder);
        if (files.Count == 0)
        {
            return null;
        }

        using var json = Parse(files[0]);
        return json.RootElement.GetProperty("HostEnvironmentInfo").Clone();
    }

    /// <summary>Every full JSON export of the folder, in name order.</summary>
    public static IReadOnlyList<string> Files(string folder) =>
        new[] { Path.Combine(folder, "bdn", "results"), Path.Combine(folder, "bdn") }
            .Where(Directory.Exists)
            .SelectMany(d => Directory.GetFiles(d, Pattern))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static JsonDocument Parse(string file)
    {
        try
        {
            // BenchmarkDotNet writes non-finite doubles as NaN / Infinity tokens.
            return JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new RunFolderException($"{file} is not a BenchmarkDotNet JSON export: {e.Message}");
        }
    }

    private static BenchmarkDotNetFigures FiguresOf(JsonElement benchmark)
    {
        double? mean = null, error = null, median = null;
        if (benchmark.TryGetProperty("Statistics", out var statistics) && statistics.ValueKind == JsonValueKind.Object
            && statistics.TryGetProperty("OriginalValues", out var values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0)
        {
            // BenchmarkDotNet's statistics again from the iterations it exported (round-trip doubles), as its summary
            // computed them: the exported Margin is rounded in its last digits, these are the summary's own figures.
            var recomputed = new BenchmarkDotNet.Mathematics.Statistics(values.EnumerateArray().Select(v => v.GetDouble()));
            mean = recomputed.Mean;
            median = recomputed.Median;
            error = recomputed.GetConfidenceInterval(Perfolizer.Mathematics.Common.ConfidenceLevel.L999).Margin;
        }

        var memory = benchmark.TryGetProperty("Memory", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        // A case without a result has nulls where its counts would be.
        long? Integer(string name) => memory.ValueKind == JsonValueKind.Object && memory.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;
        long Count(string name) => Integer(name) ?? 0;
        var allocated = Integer("BytesAllocatedPerOperation");
        return new BenchmarkDotNetFigures(mean, error is { } e && double.IsFinite(e) ? e : null, median, allocated, Count("Gen0Collections"), Count("Gen1Collections"), Count("Gen2Collections"), Count("TotalOperations"));
    }

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) ? d : null;
}
