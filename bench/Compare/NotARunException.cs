namespace LeakBench.Compare;

/// <summary>A folder given to compare that is not a LeakBench run (no report.csv, or one that is not LeakBench's): bad input, said in one line.</summary>
public sealed class NotARunException(string message) : Exception(message);
