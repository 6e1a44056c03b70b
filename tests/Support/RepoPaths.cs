namespace LeakBench.Tests.Support;

/// <summary>Finds the repository root (the folder holding LeakBench.sln) from the test's build output.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LeakBench.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no LeakBench.sln above {AppContext.BaseDirectory}");
    }
}
