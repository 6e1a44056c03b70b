using LeakBench.Shapes;

namespace LeakBench.Tests.Shapes;

/// <summary>A compile that cannot run is a result with its reason, never an exception: the study goes on without it.</summary>
public sealed class ShapeCompilerTests
{
    [Fact]
    public async Task A_missing_project_is_not_run_with_the_folder_it_looked_in()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"leakbench-no-shapes-{Guid.NewGuid():N}");

        var coverage = await ShapeCompiler.RunAsync(missing, Path.Combine(missing, "shapes.sarif"));

        Assert.NotNull(coverage.NotRun);
        Assert.Contains("not found", coverage.NotRun);
        Assert.Contains(missing, coverage.NotRun);
        Assert.Empty(coverage.Shapes);
    }

    [Fact]
    [Trait("Category", "Slow")] // runs dotnet build
    public async Task A_project_that_does_not_build_is_not_run_with_the_build_error_and_keeps_its_shapes()
    {
        var folder = Directory.CreateTempSubdirectory("leakbench-broken-shapes-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, LeakShapeCatalog.ProjectFile), "<Project><this is not MSBuild</Project>");
            Directory.CreateDirectory(Path.Combine(folder, "Shapes"));
            File.WriteAllText(Path.Combine(folder, "Shapes", "Leak.cs"), "// A leak.\n// Study case: DisposeDrainBenchmarks.Undisposed_Unread.\n");

            var coverage = await ShapeCompiler.RunAsync(folder, Path.Combine(folder, "shapes.sarif"));

            Assert.NotNull(coverage.NotRun);
            Assert.StartsWith("dotnet build failed", coverage.NotRun);
            Assert.Equal(["Leak"], coverage.Shapes.Select(s => s.Id));
            Assert.Empty(coverage.RulesOf(coverage.Shapes[0]));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
