using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Jobs;
using LeakBench.Census;
using LeakBench.Config;
using LeakBench.Diagnostics;
using LeakBench.Target;

namespace LeakBench.Tests.Config;

/// <summary>BenchmarkDotNet's exports carry no ratio of their own: the study's ratios are paired and live in report.csv.</summary>
public sealed class StudyConfigTests
{
    [Fact]
    public void The_exports_hide_BenchmarkDotNets_unpaired_ratio_columns()
    {
        var urls = new TargetUrls(new Uri("http://127.0.0.1:1000"), new Uri("http://127.0.0.1:1001"), new Uri("http://[::1]:1002"), 42);
        var census = new CensusDiagnoser(urls, StudyProfile.Publish, new CensusSettings { Requests = 50, TrajectoryStep = 10 }, Path.GetTempPath());

        var config = StudyConfig.Create([Job.Dry], census, Path.GetTempPath(), [], BenchmarkDotNet.Loggers.ConsoleLogger.Default);

        var hidden = config.GetColumnHidingRules().ToList();
        foreach (var name in new[] { Column.Ratio, Column.RatioSD, Column.AllocRatio })
        {
            Assert.Contains(hidden, rule => rule.NeedToHide(new FakeColumn(name)));
        }

        Assert.DoesNotContain(hidden, rule => rule.NeedToHide(new FakeColumn(Column.Mean)));
    }

    private sealed class FakeColumn(string name) : IColumn
    {
        public string Id => name;
        public string ColumnName => name;
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Statistics;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => name;
        public string GetValue(BenchmarkDotNet.Reports.Summary summary, BenchmarkDotNet.Running.BenchmarkCase benchmarkCase) => "";
        public string GetValue(BenchmarkDotNet.Reports.Summary summary, BenchmarkDotNet.Running.BenchmarkCase benchmarkCase, BenchmarkDotNet.Reports.SummaryStyle style) => "";
        public bool IsDefault(BenchmarkDotNet.Reports.Summary summary, BenchmarkDotNet.Running.BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(BenchmarkDotNet.Reports.Summary summary) => true;
    }
}
