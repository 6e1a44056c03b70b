using LeakBench.Cases;
using LeakBench.Census;
using LeakBench.Tests.Reports;

namespace LeakBench.Tests.Limits;

/// <summary>
/// A stall that only the timed part met (issue 32, item 3) is a result: the benchmark process records it in the census
/// file, and the case is then not timed, on purpose, with where it stalled, like a case whose census stalled.
/// </summary>
public sealed class TimedStallTests
{
    private static readonly StudyCase ReadToEnd = new() { Disposed = false, Drain = Drain.Full, Protocol = HttpProtocol.Http2, BodyBytes = 256 * 1024 };

    private static CensusResult Passed => ReportSamples.Census(opened: 1, peak: 1, leaked: 1, afterGc: 0, timeWait: 0, threads: 15, trajectory: [1]);

    [Fact]
    public void A_case_whose_census_passed_is_timed()
    {
        Assert.Null(NotTimedOnPurposeException.ReasonFor(ReadToEnd, Passed));
    }

    [Fact]
    public void A_stall_of_the_timed_part_leaves_the_case_untimed_with_the_request_and_where_it_stalled()
    {
        var census = Passed with { TimedStall = new TimedStall(137, "before the response headers", "The request was canceled due to the configured HttpClient.Timeout of 2 seconds elapsing.") };

        Assert.Equal(
            "not timed, on purpose: request 137 of the timed part stalled before the response headers until the request timeout, after the census and the pairing had passed without a stall",
            NotTimedOnPurposeException.ReasonFor(ReadToEnd, census));
    }

    [Fact]
    public void The_timed_stall_survives_the_census_file()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("leakbench-timed-stall-").FullName, "census.json");
        var stall = new TimedStall(1_200, "in the response body, after 65,535 of 262,144 bytes", "GET … stalled");

        CensusFile.Write(path, Passed with { TimedStall = stall, StallWhere = null });

        Assert.Equal(stall, CensusFile.TryRead(path)!.TimedStall);
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}
