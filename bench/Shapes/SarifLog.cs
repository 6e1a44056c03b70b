using System.Text.Json;

namespace LeakBench.Shapes;

/// <summary>One diagnostic of a SARIF log: the rule and where it fired.</summary>
/// <param name="RuleId">e.g. "CA2000", "IDISP001".</param>
/// <param name="File">The file's local path (from the result's first physical location); null when it has none.</param>
/// <param name="Line">Its start line (1-based); 0 when the log gives none.</param>
public sealed record SarifResult(string RuleId, string? File, int Line);

/// <summary>
/// Reads the results of a SARIF 2.1 log, as the C# compiler writes it with <c>-p:ErrorLog=file,version=2.1</c>:
/// runs[].results[] with ruleId and locations[0].physicalLocation.artifactLocation.uri (a file URI) and region.startLine.
/// </summary>
public static class SarifLog
{
    /// <exception cref="FormatException">The text is not a SARIF 2.1 log (no runs array, or JSON that does not parse).</exception>
    public static IReadOnlyList<SarifResult> Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("runs", out var runs) || runs.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("not a SARIF 2.1 log: it has no 'runs' array (version 1 logs have 'issues'; ask for version=2.1)");
            }

            var results = new List<SarifResult>();
            foreach (var run in runs.EnumerateArray())
            {
                if (!run.TryGetProperty("results", out var runResults))
                {
                    continue;
                }

                foreach (var result in runResults.EnumerateArray())
                {
                    var ruleId = result.TryGetProperty("ruleId", out var id) ? id.GetString() : null;
                    if (ruleId is null)
                    {
                        continue;
                    }

                    string? file = null;
                    var line = 0;
                    if (result.TryGetProperty("locations", out var locations) && locations.GetArrayLength() > 0
                        && locations[0].TryGetProperty("physicalLocation", out var physical))
                    {
                        if (physical.TryGetProperty("artifactLocation", out var artifact) && artifact.TryGetProperty("uri", out var uri))
                        {
                            file = LocalPath(uri.GetString());
                        }

                        if (physical.TryGetProperty("region", out var region) && region.TryGetProperty("startLine", out var start))
                        {
                            line = start.GetInt32();
                        }
                    }

                    results.Add(new SarifResult(ruleId, file, line));
                }
            }

            return results;
        }
        catch (JsonException e)
        {
            throw new FormatException($"not a SARIF log: {e.Message}", e);
        }
    }

    private static string? LocalPath(string? uri) =>
        uri is null ? null : Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile ? parsed.LocalPath : uri;
}
