namespace LeakBench.Seed;

/// <summary>
/// What one Go run of an article test left behind, in its own process: the goroutine count the article's
/// function printed after its 1 s sleep, and the process's ESTABLISHED client connections to the target
/// counted from the OS socket table right after (the process kept them open for the count).
/// </summary>
public sealed record GoMeasurement(int Test, int BodyBytes, int Goroutines, int Connections, string Version);

/// <summary>
/// The article's <c>main</c> unchanged: all four tests in one process, in order. <see cref="Goroutines"/> holds
/// what testFun1..testFun4 printed; <see cref="ConnectionsAtEnd"/> the process's connections after testFun4.
/// </summary>
public sealed record GoOneProcessMeasurement(int BodyBytes, IReadOnlyList<int> Goroutines, int ConnectionsAtEnd, string Version);
