namespace LeakBench.RuntimePairing;

/// <summary>One block pair of a process pair: the runtime's block and the reference runtime's, the raw row of runtime_pairs.csv.</summary>
/// <param name="ProcessPair">0-based process pair within the case.</param>
/// <param name="Block">0-based block pair within the process pair.</param>
/// <param name="RuntimeFirst">Whether the runtime under test ran its block first.</param>
public sealed record RuntimeBlockPair(int ProcessPair, int Block, bool RuntimeFirst, BlockResult Runtime, BlockResult Reference)
{
    /// <summary>log(runtime median / reference median): the unit the per-process-pair centre is taken over.</summary>
    public double MedianLogRatio => Math.Log(Runtime.MedianMicroseconds / Reference.MedianMicroseconds);
}
