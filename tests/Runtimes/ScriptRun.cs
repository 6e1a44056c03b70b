using System.Globalization;
using LeakBench.Tests.Support;

namespace LeakBench.Tests.Runtimes;

/// <summary>One run of a root script: its output, the dotnet commands it ran, and the dotnet it found on PATH (the logging shim).</summary>
public sealed record ScriptRun(ProcessRunner.Result Result, IReadOnlyList<string> DotnetCalls, string DotnetOnPath)
{
    public string[] StdOutLines => Result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public string LastLine => StdOutLines.Length == 0 ? string.Empty : StdOutLines[^1];

    public bool Restored => DotnetCalls.Any(call => call.StartsWith("restore", StringComparison.Ordinal));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"exit {Result.ExitCode}\n{Result.All}\ndotnet calls:\n{string.Join('\n', DotnetCalls)}");
}
