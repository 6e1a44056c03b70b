namespace LeakBench.RuntimePairing;

/// <summary>
/// How to start LeakBench on one runtime: the dotnet host (the installed one, or the local dotnet root's that
/// eng/dotnet-root.sh makes for runtimes not installed, as <see cref="DotnetRoot"/> finds it), the LeakBench dll
/// built for that runtime, and the DOTNET_ROOT the host resolves its runtime from (null: inherit).
/// </summary>
/// <param name="Runtime">The moniker as --runtimes names it (net8.0).</param>
public sealed record RuntimeProcess(string Runtime, string Host, string Dll, string? DotnetRoot)
{
    /// <summary>This process's own host and dll: the A/A's side, and the only runtime a test machine surely has.</summary>
    public static RuntimeProcess Current(string runtime) => new(runtime, Target.DotnetHost.Path, Target.DotnetHost.LeakBenchDll, null);
}
