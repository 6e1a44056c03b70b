namespace LeakBench.Cases;

/// <summary>
/// What a benchmark method does with each response: whether it disposes it and how much of the body it
/// reads. It sits next to the method, so a case is declared once; the benchmark class adds what its
/// parameters say (see <see cref="Benchmarks.RequestBenchmarks.Describe"/>), and everything else (the
/// benchmark process's setup, the census, the report rows, the CSV, the charts) reads the resulting
/// <see cref="StudyCase"/>. Nothing parses a method name to find out what a case is.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class CaseAttribute(bool disposed, Drain drain) : Attribute
{
    /// <summary>Whether the response is disposed (<c>using</c>).</summary>
    public bool Disposed { get; } = disposed;

    /// <summary>How much of the body is read before the response is let go.</summary>
    public Drain Drain { get; } = drain;

    /// <summary>Whether the client may resume TLS sessions (TLS cases only; false is the worst case: every handshake full).</summary>
    public bool TlsResume { get; set; } = true;

    /// <summary>The GC configuration of the method's process (a class whose cases all share one sets it in Describe instead).</summary>
    public GcConfig GcConfig { get; set; } = GcConfig.Workstation;

    /// <summary>The method's part of the case, with every other dimension at its default.</summary>
    public StudyCase ToCase() => new() { Disposed = Disposed, Drain = Drain, TlsResume = TlsResume, GcConfig = GcConfig };
}
