namespace LeakBench.Reports;

/// <summary>The runtime a row was measured on.</summary>
/// <param name="Name">What the reader sees, e.g. ".NET 10.0.12".</param>
/// <param name="Moniker">The target framework moniker, e.g. "net10.0"; rows are grouped by it.</param>
public sealed record StudyRuntime(string Name, string Moniker);
