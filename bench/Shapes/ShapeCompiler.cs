using System.Globalization;
using System.Text.Json;
using LeakBench.Processes;
using LeakBench.Target;

namespace LeakBench.Shapes;

/// <summary>
/// Compiles the leak shapes project with <c>dotnet build -p:ErrorLog=shapes.sarif,version=2.1</c> in a child process
/// and reads which rules fired from the log. A child build rather than Roslyn in-process: the analyzers are NuGet
/// packages the build restores at their pinned versions, and the compile gets exactly the project's settings (its
/// .globalconfig, its Directory.Build.props), which in-process Roslyn would have to re-create (references, analyzer
/// loading, config files) with a Microsoft.CodeAnalysis that LeakBench does not otherwise need. All it takes is the SDK
/// the study is built with. Every failure is a result: the study reports "not run: why" and goes on.
/// </summary>
public static class ShapeCompiler
{
    /// <summary>A cold restore of two analyzer packages and one small compile: minutes at most even on a slow machine.</summary>
    public static readonly TimeSpan BuildDeadline = TimeSpan.FromMinutes(10);

    /// <summary>The analyzer packages whose versions the coverage names (as restored).</summary>
    public static readonly IReadOnlyList<string> AnalyzerPackages = ["Microsoft.CodeAnalysis.NetAnalyzers", "IDisposableAnalyzers"];

    /// <summary>
    /// Compiles the shapes in <paramref name="projectDirectory"/> and returns which rules fired on each; the SARIF log is
    /// kept as <paramref name="sarifPath"/>. Never throws for a missing SDK, project or a failed build: those come back
    /// as <see cref="ShapeCoverage.NotRun"/>.
    /// </summary>
    public static async Task<ShapeCoverage> RunAsync(string? projectDirectory, string sarifPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sarifPath);
        if (projectDirectory is null || !File.Exists(Path.Combine(projectDirectory, LeakShapeCatalog.ProjectFile)))
        {
            return ShapeCoverage.Failed([], $"the leak shapes project was not found ({projectDirectory ?? $"this build names no folder; set {LeakShapeCatalog.DirectoryVariable}"})");
        }

        IReadOnlyList<LeakShape> shapes;
        try
        {
            shapes = LeakShapeCatalog.Read(projectDirectory);
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            return ShapeCoverage.Failed([], $"the leak shapes could not be read: {e.Message}");
        }

        string dotnet;
        try
        {
            dotnet = DotnetHost.Path;
        }
        catch (TypeInitializationException e)
        {
            return ShapeCoverage.Failed(shapes, $"no dotnet host: {e.InnerException?.Message ?? e.Message}");
        }

        // A fresh artifacts folder: the compile always runs (an up-to-date build writes no log), and a study and a test
        // compiling at the same time do not share obj/.
        var artifacts = Path.Combine(Path.GetTempPath(), "leakbench-shapes-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture));
        try
        {
            ProcessResult result;
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(sarifPath))!);
                File.Delete(sarifPath);
                result = await ChildProcess.RunAsync(
                    dotnet,
                    [
                        "build", Path.Combine(projectDirectory, LeakShapeCatalog.ProjectFile), "-c", "Release", "-nologo",
                        "--artifacts-path", artifacts,
                        // No MSBuild nodes or compiler server left running after the study.
                        "--disable-build-servers",
                        // %2C: MSBuild would split the property at a bare comma.
                        "-p:ErrorLog=" + Path.GetFullPath(sarifPath) + "%2Cversion=2.1",
                    ],
                    BuildDeadline,
                    // From the project's folder, so that the repository's global.json picks the SDK.
                    projectDirectory,
                    environment =>
                    {
                        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
                        environment["DOTNET_NOLOGO"] = "1";
                    },
                    cancellationToken: cancellationToken);
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or TimeoutException or InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                return ShapeCoverage.Failed(shapes, $"dotnet build did not run: {FirstLine(e.Message)}");
            }

            if (result.ExitCode != 0)
            {
                return ShapeCoverage.Failed(shapes, string.Create(CultureInfo.InvariantCulture, $"dotnet build failed (exit code {result.ExitCode}): {FirstError(result.AllOutput)}"));
            }

            if (!File.Exists(sarifPath))
            {
                return ShapeCoverage.Failed(shapes, "dotnet build wrote no SARIF log (was the compile skipped?)");
            }

            try
            {
                return ShapeCoverage.From(shapes, SarifLog.Read(await File.ReadAllTextAsync(sarifPath, cancellationToken)), AnalyzersRestored(artifacts));
            }
            catch (Exception e) when (e is FormatException or IOException)
            {
                return ShapeCoverage.Failed(shapes, $"the SARIF log could not be read: {e.Message}");
            }
        }
        finally
        {
            try
            {
                Directory.Delete(artifacts, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A leftover temp folder is harmless; the result stands.
            }
        }
    }

    /// <summary>"Package version" of each analyzer package in the restore's project.assets.json ("libraries": "Name/Version").</summary>
    private static IReadOnlyList<string> AnalyzersRestored(string artifacts)
    {
        var assets = Directory.Exists(artifacts) ? Directory.EnumerateFiles(artifacts, "project.assets.json", SearchOption.AllDirectories).FirstOrDefault() : null;
        if (assets is null)
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(assets));
            if (!document.RootElement.TryGetProperty("libraries", out var libraries))
            {
                return [];
            }

            return [.. libraries.EnumerateObject()
                .Select(library => library.Name.Split('/', 2))
                .Where(parts => parts.Length == 2 && AnalyzerPackages.Contains(parts[0], StringComparer.OrdinalIgnoreCase))
                .Select(parts => $"{parts[0]} {parts[1]}")
                .Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            // The versions are a label; without them the coverage still stands.
            return [];
        }
    }

    private static string FirstError(string output) =>
        output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)) ?? FirstLine(output);

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "(no output)";
}
