using LeakBench.Census;
using LeakBench.Diagnostics;

namespace LeakBench.Tests.Diagnostics;

/// <summary>A census record in, BenchmarkDotNet metrics out.</summary>
public sealed class CensusMetricTests
{
    public static CensusResult Leaking { get; } = new()
    {
        Requests = 5000,
        Succeeded = 4000,
        StoppedAt = 4000,
        ConnectionsOpened = 4000,
        PeakOpen = 1000,
        Leaked = 950,
        AfterGc = 0,
        TimeWait = 20,
        CloseWait = 8,
        ServerActive = 0,
        Threads = 15,
        Gen0 = 9,
        Gen1 = 8,
        Gen2 = 2,
        TrajectoryStep = 100,
        Trajectory = [100, 200],
        GcEvents = [new(37, 0), new(180, 2)],
        Disagreements = ["one", "two"],
        LatencyP50Us = 230.5,
        LatencyP95Us = 3750.25,
        LatencyP99Us = 18003.3,
    };

    [Fact]
    public void Every_census_figure_becomes_a_metric_with_its_value()
    {
        var metrics = CensusMetric.From(Leaking).ToDictionary(m => m.Descriptor.DisplayName, m => m.Value);

        Assert.Equal(4000, metrics["CensusN"]);
        Assert.Equal(1000, metrics["Conn/1k"]);
        Assert.Equal(1000, metrics["PeakOpen"]);
        Assert.Equal(950, metrics["Leaked"]);
        Assert.Equal(0, metrics["AfterGC"]);
        Assert.Equal(5, metrics["TimeWait/1k"]);
        Assert.Equal(2, metrics["CloseWait/1k"]);
        Assert.Equal(0, metrics["SrvConns"]);
        Assert.Equal(15, metrics["Threads"]);
        Assert.Equal(9, metrics["CGen0"]);
        Assert.Equal(8, metrics["CGen1"]);
        Assert.Equal(2, metrics["CGen2"]);
        Assert.Equal(2, metrics["Disagree"]);
        Assert.Equal(230.5, metrics["ReqP50[us]"]);
        Assert.Equal(3750.25, metrics["ReqP95[us]"]);
        Assert.Equal(18003.3, metrics["ReqP99[us]"]);
    }

    [Fact]
    public void Connections_per_1k_are_per_successful_request()
    {
        var reused = Leaking with { Succeeded = 5000, ConnectionsOpened = 1 };

        Assert.Equal(0.2, reused.ConnectionsPer1k);
        Assert.Equal(0, (Leaking with { Succeeded = 0 }).ConnectionsPer1k);
    }

    [Fact]
    public void Ids_are_unique_and_zero_is_shown()
    {
        Assert.Equal(CensusMetric.All.Count, CensusMetric.All.Select(m => m.Id).Distinct().Count());
        Assert.All(CensusMetric.From(Leaking with { Leaked = 0 }), m => Assert.True(m.Descriptor.GetIsAvailable(m)));
    }

    [Fact]
    public void A_census_survives_the_file_that_carries_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"census-{Guid.NewGuid():N}.json");
        try
        {
            LeakBench.Census.CensusFile.Write(path, Leaking);
            var back = LeakBench.Census.CensusFile.TryRead(path)!;

            Assert.Equal(Leaking.Trajectory, back.Trajectory);
            Assert.Equal(Leaking.Disagreements, back.Disagreements);
            Assert.Equal(Leaking.GcEvents, back.GcEvents);
            Assert.Equal(Leaking with { Trajectory = back.Trajectory, Disagreements = back.Disagreements, GcEvents = back.GcEvents }, back);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_census_file_reads_as_none() =>
        Assert.Null(LeakBench.Census.CensusFile.TryRead("/nonexistent/census.json"));
}
