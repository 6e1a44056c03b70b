namespace LeakBench.Census;

/// <summary>
/// A garbage collection seen during a census: after which request a collection count had risen, and the highest
/// generation collected. Leaked connections close when a GC runs their finalizers, so these mark where a leak can drop.
/// </summary>
/// <param name="Request">The 1-based request after which the count had risen.</param>
/// <param name="Generation">The highest generation whose count rose (0, 1 or 2).</param>
public sealed record GcEvent(int Request, int Generation);
