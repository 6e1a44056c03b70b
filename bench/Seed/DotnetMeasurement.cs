namespace LeakBench.Seed;

/// <summary>
/// What one .NET run of an article test left behind, in its own fresh process: client connections ESTABLISHED
/// to the target after the 1 s settle and again after a forced full GC with finalizers (both counted from
/// outside, from the OS table, as for Go), and the process's thread count (the goroutine analogue).
/// <see cref="GcsBeforeCount"/> is how many collections had already run when the first count was taken: a GC
/// that ran on its own finalizes undisposed responses early, so "before GC" means what it says only when it is 0.
/// </summary>
public sealed record DotnetMeasurement(
    int Test,
    HttpCompletionOption Completion,
    int BodyBytes,
    int Requests,
    int ConnectionsBeforeGc,
    int ConnectionsAfterGc,
    int Threads,
    int GcsBeforeCount,
    string Runtime);
