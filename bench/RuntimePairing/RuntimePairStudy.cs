using LeakBench.Processes;
using LeakBench.Reports;
using LeakBench.Target;

namespace LeakBench.RuntimePairing;

/// <summary>
/// The study's cross-runtime pairing, when --runtimes lists two or more: after the benchmarks, against the same
/// target, each case measured on the reference runtime (the first listed) is paired with each other runtime
/// (<see cref="RuntimePairCoordinator"/>), and each case group's baseline gets a two-process A/A on the reference
/// runtime. Writes <see cref="RuntimePairsCsv.FileName"/> into the run folder. TLS cases are paired too: each child
/// pins the target's certificate as the census child does.
/// </summary>
public static class RuntimePairStudy
{
    /// <summary>How long building LeakBench for one more runtime may take.</summary>
    public static readonly TimeSpan BuildDeadline = TimeSpan.FromMinutes(5);

    public static async Task<IReadOnlyList<RuntimeCaseComparison>> RunAsync(string folder, TargetUrls target, IReadOnlyList<StudyRow> rows, IReadOnlyList<string> runtimes, RuntimePairingSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(runtimes);
        ArgumentNullException.ThrowIfNull(settings);
        if (runtimes.Count < 2)
        {
            return [];
        }

        var localDotnet = await DotnetRoot.EnsureAsync(runtimes, cancellationToken);
        var processes = new Dictionary<string, RuntimeProcess>();
        foreach (var runtime in runtimes.Distinct())
        {
            processes[runtime] = await ProcessOfAsync(runtime, localDotnet, cancellationToken);
        }

        var reference = processes[runtimes[0]];
        var cases = rows.Where(r => r.Runtime.Moniker == reference.Runtime)
            .DistinctBy(r => r.CaseKey).ToList();
        var comparisons = new List<RuntimeCaseComparison>();
        foreach (var group in cases.GroupBy(r => r.Benchmark))
        {
            if (group.FirstOrDefault(r => r.IsBaseline) is { } baseline)
            {
                comparisons.Add(await CompareAsync(target, baseline, reference, reference, settings, isAa: true, cancellationToken));
            }

            foreach (var row in group)
            {
                foreach (var runtime in runtimes.Skip(1).Distinct())
                {
                    comparisons.Add(row.NotTimed is { } reason
                        ? NotPaired(row, processes[runtime], reference, reason)
                        : await CompareAsync(target, row, processes[runtime], reference, settings, isAa: false, cancellationToken));
                }
            }
        }

        await File.WriteAllTextAsync(Path.Combine(folder, RuntimePairsCsv.FileName), RuntimePairsCsv.Write(comparisons), cancellationToken);
        return comparisons;
    }

    /// <summary>Each row of a paired runtime with its comparison (report.csv's runtime_* columns); the other rows unchanged.</summary>
    public static IReadOnlyList<StudyRow> Attach(IReadOnlyList<StudyRow> rows, IReadOnlyList<RuntimeCaseComparison> comparisons)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(comparisons);
        return rows.Select(row => comparisons.FirstOrDefault(c => !c.IsAa && c.Runtime == row.Runtime.Moniker && c.Benchmark == row.Benchmark && c.Method == row.Method && c.Case == row.Case) is { } pair
            ? row with { RuntimePair = pair }
            : row).ToList();
    }

    /// <summary>
    /// A case the study did not time, on purpose (its census stalled or failed, or its leak holds every slot of the
    /// client), is not timed across runtimes either: its children would wait for the request timeout in their warm-up
    /// (in the comparison of 2026-12-06 such a child died of HttpClient.Timeout before it was ready).
    /// </summary>
    private static RuntimeCaseComparison NotPaired(StudyRow row, RuntimeProcess runtime, RuntimeProcess reference, string reason)
    {
        Console.WriteLine($"leakbench: runtime pairing {row.Case.Label}: {runtime.Runtime}/{reference.Runtime} {reason}");
        return new RuntimeCaseComparison(row.Benchmark, row.Method, row.Case, runtime.Runtime, reference.Runtime, IsAa: false, null, reason, NotTimedOnPurpose: true);
    }

    private static async Task<RuntimeCaseComparison> CompareAsync(TargetUrls target, StudyRow row, RuntimeProcess runtime, RuntimeProcess reference, RuntimePairingSettings settings, bool isAa, CancellationToken cancellationToken)
    {
        try
        {
            var run = await RuntimePairCoordinator.RunAsync(target, row.Case, runtime, reference, settings, cancellationToken);
            var figures = run.Ratio is { } r ? Statistics.RatioVerdict.Figures(r) : "no ratio";
            Console.WriteLine($"leakbench: runtime pairing {(isAa ? "A/A " : "")}{row.Case.Label}: {runtime.Runtime}/{reference.Runtime} {figures}, {run.ProcessPairLogRatios.Count} process pairs, {run.Elapsed.TotalSeconds:F1} s ({run.Stop})");
            return new RuntimeCaseComparison(row.Benchmark, row.Method, row.Case, runtime.Runtime, reference.Runtime, isAa, run, null);
        }
        // A case that stalls or fails in a child (a timeout, a refused request) is that comparison's result, not the run's end.
        catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception or TimeoutException or HttpRequestException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Console.Error.WriteLine($"leakbench: runtime pairing {row.Case.Label} on {runtime.Runtime}: {e.Message}");
            return new RuntimeCaseComparison(row.Benchmark, row.Method, row.Case, runtime.Runtime, reference.Runtime, isAa, null, e.Message);
        }
    }

    /// <summary>
    /// LeakBench built for <paramref name="runtime"/> (bench/bin/Release/&lt;moniker&gt;/LeakBench.dll), built here every
    /// time (incremental: seconds when it is current), run by the local dotnet root's host when the runtime is not
    /// installed. Built every time, not only when missing: BenchmarkDotNet builds into folders of its own, so a dll left
    /// from an earlier checkout stayed in place, and a comparison of 2026-12-03 paired children of the old protocol
    /// (every one of its 49 comparisons failed at its first command).
    /// </summary>
    private static async Task<RuntimeProcess> ProcessOfAsync(string runtime, string? localDotnet, CancellationToken cancellationToken)
    {
        if (runtime == CurrentMoniker)
        {
            // This process's own build: the same dll the study runs, so the reference side needs no build.
            return RuntimeProcess.Current(runtime);
        }

        var project = Path.Combine(Repository.Root(), "bench", "LeakBench.csproj");
        var dll = Path.Combine(Repository.Root(), "bench", "bin", "Release", runtime, "LeakBench.dll");
        Console.WriteLine($"leakbench: runtime pairing: building LeakBench for {runtime}...");
        var build = await ChildProcess.RunAsync(DotnetHost.Path, ["build", project, "-c", "Release", "-f", runtime, "-p:LeakBenchRuntimes=all", "-nologo", "-v", "q"], BuildDeadline, Repository.Root(), cancellationToken: cancellationToken);
        if (build.ExitCode != 0 || !File.Exists(dll))
        {
            throw new InvalidOperationException($"building LeakBench for {runtime} failed (exit {build.ExitCode}){Environment.NewLine}{build.AllOutput}".TrimEnd());
        }

        return localDotnet is null
            ? new RuntimeProcess(runtime, DotnetHost.Path, dll, null)
            : new RuntimeProcess(runtime, localDotnet, dll, Path.GetDirectoryName(localDotnet));
    }

    /// <summary>The moniker of the runtime this process runs on.</summary>
    private static string CurrentMoniker { get; } = $"net{Environment.Version.Major}.{Environment.Version.Minor}";
}
