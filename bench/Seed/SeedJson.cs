using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeakBench.Seed;

/// <summary>The seed run as JSON (seed.json): the rows, machine-readable, for reports that build on it.</summary>
public static class SeedJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter() },
    };

    public sealed record Document(
        string Kind,
        string GoStatus,
        string? GoVersion,
        SeedEnvironment Environment,
        IReadOnlyList<Row> Rows,
        GoOneProcessMeasurement? GoArticleMainInOneProcess,
        IReadOnlyList<string> WhatThisShows);

    public sealed record Row(
        string Test,
        bool ClosesOrDisposes,
        bool ReadsToEof,
        int BodyBytes,
        GoMeasurement? Go,
        DotnetMeasurement DotnetHeadersRead,
        DotnetMeasurement DotnetDefault);

    public static Document ToDocument(SeedResult result) => new(
        "leakbench-seed",
        result.GoStatus,
        result.GoVersion,
        result.Environment,
        [.. result.Rows.Select(r => new Row(r.Test.Name, r.Test.Closes, r.Test.ReadsToEnd, r.BodyBytes, r.Go, r.HeadersRead, r.Default))],
        result.GoOneProcess,
        SeedFindings.Describe(result));

    public static string Write(SeedResult result) => JsonSerializer.Serialize(ToDocument(result), Options);

    public static Document? Read(string json) => JsonSerializer.Deserialize<Document>(json, Options);
}
