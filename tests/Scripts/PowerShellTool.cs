using LeakBench.Target;
using LeakBench.Tests.Support;

namespace LeakBench.Tests.Scripts;

/// <summary>
/// PowerShell 7 from the repository's local tool manifest (.config/dotnet-tools.json), which the test
/// project's build restores: a machine with only the .NET SDK runs the .ps1 tests too.
/// </summary>
public static class PowerShellTool
{
    /// <summary>The dotnet host that runs the tool (<c>dotnet tool run pwsh</c>).</summary>
    public static string FileName => DotnetHost.Path;

    /// <summary>
    /// Arguments that run <paramref name="script"/> with <paramref name="args"/>. The "--" keeps <c>dotnet tool run</c>
    /// from taking the script's own --help as its own. The manifest is found from the working directory, so run
    /// it from inside the repository (<see cref="ProcessRunner"/>'s default).
    /// </summary>
    public static string[] RunFile(string script, IEnumerable<string> args) =>
        ["tool", "run", "pwsh", "--", "-NoProfile", "-NonInteractive", "-File", script, .. args];

    /// <summary>Where the tests run the tool from: the repository root, below which the manifest lies.</summary>
    public static string WorkingDirectory => RepoPaths.Root;
}
