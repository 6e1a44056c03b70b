using System.Reflection;

namespace LeakBench.Shapes;

/// <summary>Where the leak shapes project is, and its shapes (one file each under its Shapes folder).</summary>
public static class LeakShapeCatalog
{
    /// <summary>Overrides the folder baked in at build time (a clone moved after its build, or a test's own copy).</summary>
    public const string DirectoryVariable = "LEAKBENCH_SHAPES_DIR";

    /// <summary>The project file in <see cref="ProjectDirectory"/>.</summary>
    public const string ProjectFile = "LeakShapes.csproj";

    /// <summary>The project folder (tests/LeakShapes), as baked into this assembly at build time, or <see cref="DirectoryVariable"/>; null when neither says.</summary>
    public static string? ProjectDirectory =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : typeof(LeakShapeCatalog).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "LeakBench.ShapesDir")?.Value;

    /// <summary>Every shape of the project in <paramref name="projectDirectory"/>, ordered by id.</summary>
    /// <exception cref="FormatException">A shape file does not name its study case.</exception>
    public static IReadOnlyList<LeakShape> Read(string projectDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectDirectory);
        var folder = Path.Combine(projectDirectory, "Shapes");
        return [.. Directory.EnumerateFiles(folder, "*.cs")
            .Select(file => LeakShape.Parse(Path.GetFileNameWithoutExtension(file), File.ReadAllText(file)))
            .OrderBy(shape => shape.Id, StringComparer.Ordinal)];
    }
}
