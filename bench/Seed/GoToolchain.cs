using System.Reflection;
using LeakBench.Processes;

namespace LeakBench.Seed;

/// <summary>
/// The Go side's toolchain: finds <c>go</c> on PATH and builds the article's program
/// (<c>bench/seed-go</c>, standard library only) with the network turned off.
/// </summary>
public static class GoToolchain
{
    /// <summary>What the Go columns say when there is no <c>go</c> on PATH.</summary>
    public const string NotInstalled = "go not installed";

    public static readonly TimeSpan BuildDeadline = TimeSpan.FromSeconds(120);

    /// <summary>For <c>go env GOVERSION</c>, which reads no source: a minute is ample.</summary>
    public static readonly TimeSpan VersionDeadline = TimeSpan.FromSeconds(60);

    /// <summary>The <c>go</c> executable on PATH, or null when there is none.</summary>
    public static string? Find(string? path = null)
    {
        var exe = OperatingSystem.IsWindows() ? "go.exe" : "go";
        foreach (var dir in (path ?? Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, exe);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The article's program source folder, as baked into this assembly at build time (or LEAKBENCH_SEED_GO_DIR).</summary>
    public static string SourceDirectory =>
        Environment.GetEnvironmentVariable("LEAKBENCH_SEED_GO_DIR") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : typeof(GoToolchain).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                  .FirstOrDefault(a => a.Key == "LeakBench.SeedGoDir")?.Value
              ?? throw new SeedRunException("this build does not say where bench/seed-go is; set LEAKBENCH_SEED_GO_DIR");

    /// <summary>
    /// The environment every go command gets: never download a toolchain or a module (the program needs
    /// neither), ignore any go.work above, and have a build cache even where HOME is not set (CI containers).
    /// </summary>
    public static void ApplyEnvironment(IDictionary<string, string?> environment)
    {
        environment["GOTOOLCHAIN"] = "local";
        environment["GOPROXY"] = "off";
        environment["GOFLAGS"] = "-mod=mod";
        environment["GOWORK"] = "off";
        if (!environment.TryGetValue("GOCACHE", out var cache) || string.IsNullOrEmpty(cache))
        {
            var hasHome = environment.TryGetValue("HOME", out var home) && !string.IsNullOrEmpty(home);
            var hasXdg = environment.TryGetValue("XDG_CACHE_HOME", out var xdg) && !string.IsNullOrEmpty(xdg);
            var hasLocalAppData = environment.TryGetValue("LocalAppData", out var lad) && !string.IsNullOrEmpty(lad);
            if (!hasHome && !hasXdg && !hasLocalAppData)
            {
                environment["GOCACHE"] = Path.Combine(Path.GetTempPath(), "leakbench-go-build-cache");
            }
        }
    }

    /// <summary>The toolchain's version as <c>go env GOVERSION</c> prints it, e.g. "go1.19.8".</summary>
    public static async Task<string> VersionAsync(string go, CancellationToken cancellationToken = default)
    {
        var result = await RunGoAsync(go, ["env", "GOVERSION"], VersionDeadline, null, cancellationToken);
        var version = result.StandardOutput.Trim();
        if (result.ExitCode != 0 || version.Length == 0)
        {
            throw new SeedRunException($"{go} env GOVERSION failed (exit code {result.ExitCode}): {result.StandardError}".TrimEnd());
        }

        return version;
    }

    /// <summary>Builds the article's program into <paramref name="outputDirectory"/> and returns the executable's path.</summary>
    public static async Task<string> BuildAsync(string go, string outputDirectory, CancellationToken cancellationToken = default)
    {
        var source = SourceDirectory;
        if (!File.Exists(Path.Combine(source, "main.go")))
        {
            throw new SeedRunException($"the article's Go program is missing: no main.go in {source}");
        }

        Directory.CreateDirectory(outputDirectory);
        var binary = Path.Combine(outputDirectory, OperatingSystem.IsWindows() ? "seed-go.exe" : "seed-go");
        var result = await RunGoAsync(go, ["build", "-o", binary, "."], BuildDeadline, source, cancellationToken);
        if (result.ExitCode != 0 || !File.Exists(binary))
        {
            throw new SeedRunException($"go build of {source} failed (exit code {result.ExitCode}):{Environment.NewLine}{result.AllOutput}".TrimEnd());
        }

        return binary;
    }

    private static async Task<ProcessResult> RunGoAsync(string go, string[] arguments, TimeSpan deadline, string? workingDirectory, CancellationToken cancellationToken)
    {
        try
        {
            return await ChildProcess.RunAsync(go, arguments, deadline, workingDirectory, ApplyEnvironment, cancellationToken: cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new SeedRunException(e.Message);
        }
    }
}
