namespace LeakBench.Seed;

/// <summary>A seed test could not be measured (a worker failed, a request failed, go could not build); the message says which.</summary>
public sealed class SeedRunException(string message) : Exception(message);
