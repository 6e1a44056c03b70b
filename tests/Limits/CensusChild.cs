using System.Globalization;
using LeakBench.Cases;
using LeakBench.Census;
using LeakBench.Target;
using LeakBench.Tests.Support;

namespace LeakBench.Tests.Limits;

/// <summary>
/// Runs one census in a child process (<c>LeakBench.dll census-child</c>) with its own environment: for
/// what is process-wide (an fd limit, the GC's configuration), which a test host must not change.
/// </summary>
public static class CensusChild
{
    public static async Task<CensusResult> RunAsync(TargetUrls target, StudyCase @case, int requests, GcConfig gc, int? fdHeadroom = null)
    {
        var file = Path.Combine(Path.GetTempPath(), $"leakbench-child-{Guid.NewGuid():N}.json");
        try
        {
            var environment = new Dictionary<string, string?>
            {
                [TargetUrls.EnvironmentVariable] = target.ToReadyLine(),
                [CaseChannel.Variable] = CaseChannel.Encode(@case with { GcConfig = gc }, null),
                [CensusFile.PathVariable] = file,
                [CensusFile.RequestsVariable] = requests.ToString(CultureInfo.InvariantCulture),
            };
            foreach (var (name, value) in GcEnvironment.For(gc))
            {
                environment[name] = value;
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
