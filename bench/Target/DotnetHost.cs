namespace LeakBench.Target;

/// <summary>
/// The dotnet host that runs this process, for the processes LeakBench starts: the target (which then runs on
/// the installed .NET 10 even when the study was started another way) and the seed's workers (with the
/// LeakBench dll, so they run on the same runtime and build as the seed command itself).
/// </summary>
public static class DotnetHost
{
    /// <summary>The host executable, e.g. /usr/share/dotnet/dotnet.</summary>
    public static string Path { get; } = Find();

    /// <summary>The LeakBench dll (the same file in a test's output folder when a test starts the workers).</summary>
    public static string LeakBenchDll { get; } = typeof(DotnetHost).Assembly.Location;

    private static string Find()
    {
        var self = Environment.ProcessPath;
        if (self is not null && IsDotnet(self))
        {
            return self;
        }

        // Started through the apphost or a test host: the SDK names its host in DOTNET_HOST_PATH;
        // otherwise the dotnet on PATH, then the one under DOTNET_ROOT.
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        var exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = System.IO.Path.Combine(dir, exe);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root && File.Exists(System.IO.Path.Combine(root, exe)))
        {
            return System.IO.Path.Combine(root, exe);
        }

        throw new InvalidOperationException("cannot find the dotnet host to start the seed workers (set DOTNET_HOST_PATH)");
    }

    private static bool IsDotnet(string path) =>
        System.IO.Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
}
