using System.Collections.Concurrent;
using System.Collections.Immutable;
using BenchmarkDotNet.EventProcessors;
using BenchmarkDotNet.Environments;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Validators;

namespace LeakBench.Cli;

/// <summary>
/// Collects each case's BenchmarkDotNet report the moment it finishes, so that an interrupted run still has
/// summaries for what it measured. One BenchmarkDotNet run builds the benchmark project once; splitting the run
/// per class instead would pay a build per class and still lose the finished cases of the class in progress.
/// After <see cref="Stop"/>, BenchmarkDotNet is refused the next case, so it starts no more processes.
/// </summary>
public sealed class FinishedCases : EventProcessor
{
    private readonly ConcurrentQueue<BenchmarkReport> _reports = new();
    private volatile bool _stopped;

    public int Count => _reports.Count;

    /// <summary>Makes the run end at the next case (BenchmarkDotNet 0.15.8 has no cancel API: its run unwinds with <see cref="OperationCanceledException"/>).</summary>
    public void Stop() => _stopped = true;

    public override void OnStartRunBenchmark(BenchmarkCase benchmarkCase)
    {
        if (_stopped)
        {
            throw new OperationCanceledException("the run was interrupted");
        }
    }

    public override void OnEndRunBenchmark(BenchmarkCase benchmarkCase, BenchmarkReport report)
    {
        if (!_stopped)
        {
            _reports.Enqueue(report);
        }
    }

    /// <summary>One summary per benchmark class of the reports so far, as BenchmarkDotNet would have made them.</summary>
    public IReadOnlyList<Summary> Summaries(IReadOnlyList<BenchmarkRunInfo> runs, string resultsFolder)
    {
        var reports = _reports.ToArray();
        return runs
            .Select(run => reports.Where(r => run.BenchmarksCases.Contains(r.BenchmarkCase)).ToImmutableArray())
            .Where(r => r.Length > 0)
            .Select(r => new Summary(
                "interrupted",
                r,
                HostEnvironmentInfo.GetCurrent(),
                resultsFolder,
                logFilePath: string.Empty,
                TimeSpan.Zero,
                r[0].BenchmarkCase.Config.CultureInfo ?? System.Globalization.CultureInfo.InvariantCulture,
                ImmutableArray<ValidationError>.Empty,
                ImmutableArray<BenchmarkDotNet.Columns.IColumnHidingRule>.Empty))
            .ToList();
    }
}
