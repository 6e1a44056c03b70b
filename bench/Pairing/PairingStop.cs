namespace LeakBench.Pairing;

/// <summary>What ended a pairing.</summary>
public enum PairingStop
{
    /// <summary>The median ratio's bounds reached the asked half-width (<see cref="Statistics.PrecisionRule"/>).</summary>
    Precision,

    /// <summary>The case's time cap passed before the bounds were that narrow.</summary>
    TimeCap,

    /// <summary>The most pairs the settings allow: a ceiling on memory and on the cost of a check, never reached within the caps measured.</summary>
    PairCeiling,
}
