namespace LeakBench.Seed;

/// <summary>Where a seed run ran: printed above its table.</summary>
public sealed record SeedEnvironment(string Os, string DotnetRuntime, string Machine);

/// <summary>
/// A whole seed run: the rows (every test at every body size), the Go version that ran (null: go not
/// installed), the article's main run in one process (null without go), and the environment.
/// </summary>
public sealed record SeedResult(IReadOnlyList<SeedRow> Rows, string? GoVersion, GoOneProcessMeasurement? GoOneProcess, SeedEnvironment Environment)
{
    public bool GoRan => GoVersion is not null;

    /// <summary>What the Go side reports in its header: the version, or why there is none.</summary>
    public string GoStatus => GoVersion ?? GoToolchain.NotInstalled;

    public IReadOnlyList<int> BodySizes => [.. Rows.Select(r => r.BodyBytes).Distinct().Order()];

    public SeedRow Row(int test, int bodyBytes) =>
        Rows.FirstOrDefault(r => r.Test.Number == test && r.BodyBytes == bodyBytes)
        ?? throw new ArgumentException($"no row for testFun{test} at {bodyBytes} B");
}
