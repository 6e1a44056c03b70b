using LeakBench.Cases;
using LeakBench.Target;

namespace LeakBench.Census;

/// <summary>
/// Internal: one census in a fresh process (<c>dotnet LeakBench.dll census-child</c>), for what must not
/// run in a shared process: an fd limit is process-wide. It reads its case, target and census file from
/// the same environment variables a benchmark process gets; <see cref="HeadroomVariable"/>, when set,
/// places the case's fd limit that many descriptors above what the process already holds.
/// </summary>
public static class CensusChildCommand
{
    public const string Command = "census-child";

    /// <summary>Descriptors above those already held at which to set the soft limit (overrides the case's FdLimit).</summary>
    public const string HeadroomVariable = "LEAKBENCH_FD_HEADROOM";

    public static async Task<int> RunAsync()
    {
        var target = TargetUrls.TryParseReadyLine(Environment.GetEnvironmentVariable(TargetUrls.EnvironmentVariable))
            ?? throw new InvalidOperationException($"{TargetUrls.EnvironmentVariable} is not set");
        var (@case, baseline) = CaseChannel.FromEnvironment();
        if (CensusFile.FromEnvironment() is not var (path, settings))
        {
            throw new InvalidOperationException($"{CensusFile.PathVariable} is not set");
        }

        if (int.TryParse(Environment.GetEnvironmentVariable(HeadroomVariable), System.Globalization.CultureInfo.InvariantCulture, out var headroom)
            && FileDescriptorLimit.OpenNow() is int held)
        {
            @case = @case with { FdLimit = held + headroom };
        }

        var pattern = RequestPattern.For(CaseTarget.UriFor(target, @case), @case);
        // A baseline's census measures its gen0 budget afterwards, as in a benchmark process.
        CensusFile.Write(path, Gen0BudgetProbe.RecordOnBaseline(await SocketCensus.RunAsync(target, @case, pattern, settings), @case, baseline));
        return 0;
    }
}
