using System.Text.Json.Serialization;

namespace LeakBench.Statistics;

/// <summary>
/// A latency ratio (case over baseline) with its 95% bounds and the number of block pairs it rests on.
/// A ratio above 1 means the case is slower.
/// </summary>
public sealed record RatioInterval(double Ratio, double Lower, double Upper, int Pairs)
{
    public bool Contains(double ratio) => Lower <= ratio && ratio <= Upper;

    /// <summary>
    /// The half-width in log space, ½·ln(Upper/Lower): the precision of the interval whatever its centre (×1.00 [0.98–1.02]
    /// and ×2.00 [1.96–2.04] are equally precise). Compare it with ln(1 + p) for a precision p.
    /// </summary>
    [JsonIgnore]
    public double LogHalfWidth => 0.5 * Math.Log(Upper / Lower);

    /// <summary>True when the bounds lie wholly above or wholly below 1.</summary>
    [JsonIgnore]
    public bool ExcludesOne => Lower > 1 || Upper < 1;

    /// <summary>How far the bounds reach from 1 on either side: [0.97, 1.04] gives 0.04.</summary>
    [JsonIgnore]
    public double ReachFromOne => Math.Max(Upper - 1, 1 - Lower);
}
