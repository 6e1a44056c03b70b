using System.Text.Json.Serialization;

namespace LeakBench.Statistics;

/// <summary>
/// A latency ratio (case over baseline) with its 95% bounds and the number of block pairs it rests on.
/// A ratio above 1 means the case is slower.
/// </summary>
public sealed record RatioInterval(double Ratio, double Lower, double Upper, int Pairs)
{
    public bool Contains(double ratio) => Lower <= ratio && ratio <= Upper;

    /// <summary>How far the bounds reach from 1 on either side: [0.97, 1.04] gives 0.04.</summary>
    [JsonIgnore]
    public double ReachFromOne => Math.Max(Upper - 1, 1 - Lower);
}
