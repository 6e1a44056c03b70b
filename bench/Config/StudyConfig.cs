using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;

namespace LeakBench.Config;

/// <summary>The BenchmarkDotNet configuration of a study run. Every line says why it is there.</summary>
public static class StudyConfig
{
    /// <param name="console">the logger of the console: the study's progress (BenchmarkDotNet's full log goes to its log file in <paramref name="artifactsPath"/> whatever the loggers)</param>
    public static ManualConfig Create(IEnumerable<Job> jobs, IDiagnoser census, string artifactsPath, IReadOnlyList<string> filters, ILogger console)
    {
        var config = ManualConfig.CreateEmpty();
        foreach (var job in jobs)
        {
            config.AddJob(job);
        }

        config
            // Allocated bytes and GC counts per request (BenchmarkDotNet divides by OperationsPerInvoke).
            .AddDiagnoser(MemoryDiagnoser.Default)
            // The socket census as columns of the same summary (and so of every exporter).
            .AddDiagnoser(census)
            // Mean, error, parameters: BenchmarkDotNet's usual columns.
            .AddColumnProvider(DefaultColumnProviders.Instance)
            // Without its Ratio, RatioSD and Alloc Ratio: those divide unpaired means of cases run minutes apart
            // ("1.52x slower" where the paired verdict is no practical difference); the study's ratios are paired
            // and live in report.csv (latency_ratio with bounds, alloc_ratio). The markdown export honours this; BenchmarkDotNet's
            // CSV export writes every column regardless, so the README names it BenchmarkDotNet's unpaired view.
            .HideColumns(Column.Ratio, Column.RatioSD, Column.AllocRatio)
            // The median of the iteration means. Per-request P50/P95/P99 come from the census columns:
            // BenchmarkDotNet's percentiles would be over iterations of RequestsPerInvoke (200) requests each, not over requests.
            .AddColumn(StatisticColumn.Median)
            // Tables a reader can publish: GitHub markdown, CSV for spreadsheets, full JSON for tools.
            .AddExporter(MarkdownExporter.GitHub, CsvExporter.Default, JsonExporter.Full)
            // The console: the study's progress, not BenchmarkDotNet's ~6,000 lines of log a quick study.
            .AddLogger(console)
            // BenchmarkDotNet's own checks (Release build, baseline sanity, and the rest).
            .AddValidator(DefaultConfig.Instance.GetValidators().ToArray())
            .AddAnalyser(DefaultConfig.Instance.GetAnalysers().ToArray())
            // BenchmarkDotNet's default of 2 minutes for building the benchmark project is too short on a
            // busy 2-core machine (seen here: a build killed at 120 s while other builds ran); a slow build is
            // not a failed case.
            .WithBuildTimeout(TimeSpan.FromMinutes(10))
            // Everything of this run in its own folder, next to the census files.
            .WithArtifactsPath(artifactsPath)
            // Keep the table in declaration order (baseline first), per parameter group.
            .WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared, BenchmarkDotNet.Order.MethodOrderPolicy.Declared))
            // Body shapes such as "ContentLength 1022KiB" are published IDs that must not be cut to "Conte(...)".
            .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(32));

        if (filters.Count > 0)
        {
            // --filter: BenchmarkDotNet's glob over the full benchmark name.
            config.AddFilter(new GlobFilter(filters.ToArray()));
        }

        return config;
    }
}
