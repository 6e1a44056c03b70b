using System.Globalization;
using LeakBench.Cases;
using LeakBench.Census;
using LeakBench.Target;
using LeakBench.Tests.Support;

namespace LeakBench.Tests.Support;

/// <summary>
/// Runs one census in a child process (<c>LeakBench.dll census-child</c>) with its own environment: for
/// what is process-wide (an fd limit, the GC's configuration), which a test host must not change. A leak's
/// exact figures need a census that no GC interrupts: in the test host, whatever else runs allocates and a
/// gen0 GC closes leaked connections early (seen on a loaded machine even in 50 requests), so leak known
/// answers run here with <see cref="GcConfig.LargeGen0"/>.
/// </summary>
public static class CensusChild
{
    public static async Task<CensusResult> RunAsync(TargetUrls target, StudyCase @case, int requests, GcConfig gc, int? fdHeadroom = null, SocketTableSource? socketTable = null, int? maxOpen = null, int? trajectoryStep = null, bool asBaseline = false)
    {
        var file = Path.Combine(Path.GetTempPath(), $"leakbench-child-{Guid.NewGuid():N}.json");
        try
        {
            var environment = new Dictionary<string, string?>
            {
                [TargetUrls.EnvironmentVariable] = target.ToReadyLine(),
                // As its group's baseline, the case is named its own baseline (as the host names the A/A case), so the child probes its gen0 budget.
                [CaseChannel.Variable] = CaseChannel.Encode(@case with { GcConfig = gc }, asBaseline ? @case with { GcConfig = gc } : null),
                [CensusFile.PathVariable] = file,
                [CensusFile.RequestsVariable] = requests.ToString(CultureInfo.InvariantCulture),
            };
            foreach (var (name, value) in GcEnvironment.For(gc))
            {
                environment[name] = value;
            }

            if (trajectoryStep is int step)
            {
                environment[CensusFile.TrajectoryStepVariable] = step.ToString(CultureInfo.InvariantCulture);
            }

            if (maxOpen is int cap)
            {
                environment[CensusFile.MaxOpenVariable] = cap.ToString(CultureInfo.InvariantCulture);
            }

            if (socketTable is { } source)
            {
                environment[CensusFile.SocketTableVariable] = SocketTableSources.Name(source);
            }

            if (fdHeadroom is int headroom)
            {
                environment[CensusChildCommand.HeadroomVariable] = headroom.ToString(CultureInfo.InvariantCulture);
            }

            var run = await ProcessRunner.RunAsync(DotnetHost.Path, [typeof(CensusChildCommand).Assembly.Location, CensusChildCommand.Command], TimeSpan.FromMinutes(2), environment: environment);
            Assert.True(run.ExitCode == 0, run.All);
            return CensusFile.TryRead(file) ?? throw new InvalidOperationException("the child wrote no census: " + run.All);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
