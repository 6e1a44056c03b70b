using LeakBench.Reports;
using LeakBench.Reports.Charts;

namespace LeakBench.Tests.Reports;

/// <summary>Memory held per leaked connection: which cases get bars, their values, and the image within 1600 × 2000 px.</summary>
public sealed class HoldingsChartTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "leakbench-holdings-" + Guid.NewGuid().ToString("N"));

    private static StudyRow Leak => ReportSamples.Leaking with
    {
        Census = ReportSamples.Leaking.Census with
        {
            ClientQueuedBytes = 2 * 1024 * 1024, ServerQueuedBytes = 6 * 1024 * 1024, QueuedOpenSockets = 4,
            GcPromotedBytes = 512_000, FinalizableObjects = 260, OpenBeforeGc = 50, ClosedByGc = 50,
        },
    };

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Only_leaking_cases_with_a_holding_measured_get_bars_per_connection()
    {
        IReadOnlyList<StudyRow> rows = [ReportSamples.Baseline, ReportSamples.Reused, Leak, ReportSamples.Closing];

        Assert.Equal([Leak], HoldingsChart.Rows(rows));
        Assert.Equal([512 * 1024.0, 1536 * 1024.0, 10_240.0], HoldingsChart.Values(Leak));
        Assert.Empty(HoldingsChart.Rows(ReportSamples.Rows)); // a run without holdings: no chart
        Assert.DoesNotContain(StudyCharts.Plan(ReportSamples.Rows), c => c.Png.EndsWith("holdings.png", StringComparison.Ordinal));
        Assert.Contains(StudyCharts.Plan(rows), c => c.Png == "charts/holdings.png");
    }

    [Fact]
    public void The_chart_is_a_PNG_and_an_SVG_within_the_size_limits_even_with_many_cases()
    {
        var many = Enumerable.Range(0, 80).Select(i => Leak with { Case = Leak.Case with { BodyBytes = 1024 + i } }).ToList();
        Directory.CreateDirectory(_folder);
        var png = Path.Combine(_folder, "holdings.png");
        var svg = Path.Combine(_folder, "holdings.svg");

        using (var chart = HoldingsChart.Draw(many))
        {
            Assert.Equal(HoldingsChart.MaxCases, chart.Drawn.Count);
            ChartCanvas.Save(chart.Plot, png, svg, HoldingsChart.Width, chart.Height);
        }

        var (width, height) = ChartImages.PngSize(png);
        Assert.InRange(width, 1, 1600);
        Assert.InRange(height, 1, 2000);
        ChartImages.AssertSvg(svg);
    }
}
