using System.Diagnostics;
using BenchmarkDotNet.EventProcessors;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using LeakBench.Benchmarks;
using LeakBench.Cases;

namespace LeakBench.Cli;

/// <summary>
/// The study's console while BenchmarkDotNet runs, in place of BenchmarkDotNet's console logger (whose ~6,000 lines a
/// quick study scrolled by; its full log still goes to the run folder's bdn/ folder, written by BenchmarkDotNet itself).
/// On a terminal: one live line (cases done of all, the current case, elapsed, an estimate of what is left), redrawn
/// with "\r" as cases start and end and every second. Without one (CI, a pipe): one "[i/N] case (elapsed)" line per
/// case as it finishes. BenchmarkDotNet's error lines from before the cases run (validation, the build) reach stderr,
/// above the live line; once cases run, the study's own lines say which failed or were not timed on purpose, and
/// BenchmarkDotNet's ("No Workload Results were obtained", for every case not timed on purpose) stay in its log.
/// </summary>
public sealed class StudyProgress : EventProcessor, ILogger, IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private readonly TextWriter _output;
    private readonly TextWriter _errors;
    private readonly Func<int> _width;
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    // An object, not System.Threading.Lock: LeakBench is also built for net8.0 (--runtimes), which has no Lock type.
    private readonly object _lock = new();
    private readonly Timer? _timer;
    private TimeSpan? _measuringSince;
    private TimeSpan _lastEnd;
    private int _total;
    private int _done;
    private string? _current;
    private int _drawn; // length of the live line on screen; 0: none
    private bool _finished;

    /// <param name="output">where progress goes (stdout)</param>
    /// <param name="errors">where BenchmarkDotNet's error lines go (stderr)</param>
    /// <param name="live">a terminal: one line redrawn in place; otherwise a line per finished case</param>
    /// <param name="width">the terminal's width, asked at each redraw (the window may be resized)</param>
    public StudyProgress(TextWriter output, TextWriter errors, bool live, Func<int> width)
    {
        _output = output;
        _errors = errors;
        _width = width;
        Live = live;
        // The elapsed time moves on a terminal between cases, which take from seconds to a minute each.
        _timer = live ? new Timer(_ => Draw(), null, Tick, Tick) : null;
    }

    /// <summary>The study's progress on this process's console: live when stdout is a terminal.</summary>
    public static StudyProgress ForConsole() => new(Console.Out, Console.Error, !Console.IsOutputRedirected, TerminalWidth);

    public bool Live { get; }

    public string Id => nameof(StudyProgress);

    public int Priority => 0;

    /// <summary>How a case reads in the progress: its class and label, and its runtime when the job names one.</summary>
    public static string NameOf(BenchmarkCase benchmarkCase)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var type = benchmarkCase.Descriptor.Type.Name;
        var name = $"{(type.EndsWith("Benchmarks", StringComparison.Ordinal) ? type[..^"Benchmarks".Length] : type)}: {CaseCatalog.Of(benchmarkCase).Label}";
        return benchmarkCase.Job.Environment.Runtime?.MsBuildMoniker is { } runtime ? $"{name} on {runtime}" : name;
    }

    public override void OnStartBuildStage(IReadOnlyList<BuildPartition> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        lock (_lock)
        {
            _total = partitions.Sum(p => p.Benchmarks.Length);
        }

        Draw();
    }

    public override void OnStartRunStage()
    {
        lock (_lock)
        {
            _measuringSince = _elapsed.Elapsed;
        }
    }

    public override void OnStartRunBenchmark(BenchmarkCase benchmarkCase)
    {
        lock (_lock)
        {
            _current = NameOf(benchmarkCase);
        }

        Draw();
    }

    public override void OnEndRunBenchmark(BenchmarkCase benchmarkCase, BenchmarkReport report)
    {
        lock (_lock)
        {
            if (_finished)
            {
                return;
            }

            _done++;
            _lastEnd = _elapsed.Elapsed;
            if (!Live)
            {
                _output.WriteLine(ProgressText.FinishedLine(_done, Math.Max(_total, _done), NameOf(benchmarkCase), _elapsed.Elapsed));
                return;
            }
        }

        Draw();
    }

    public override void OnEndRunStage() => Finish();

    /// <summary>Ends the live line (it stays on screen, with a line break after it) and stops redrawing. Idempotent.</summary>
    public void Finish()
    {
        _timer?.Dispose();
        Draw(); // the last state: all cases run, or where an interruption stopped the run
        lock (_lock)
        {
            if (_finished)
            {
                return;
            }

            if (_drawn > 0)
            {
                _output.WriteLine();
                _drawn = 0;
            }

            _finished = true;
        }
    }

    public void Dispose() => Finish();

    // BenchmarkDotNet's log: all of it is in its log file already; only its errors before the run stage are shown (a
    // benchmark that fails validation, a build that failed: then nothing runs), above the live line so that neither
    // overwrites the other.
    public void Write(LogKind logKind, string text) => WriteLine(logKind, text);

    public void WriteLine()
    {
    }

    public void WriteLine(LogKind logKind, string text)
    {
        if (logKind != LogKind.Error || string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        lock (_lock)
        {
            if (_measuringSince is not null || _finished)
            {
                return;
            }

            Clear();
            _errors.WriteLine($"leakbench: BenchmarkDotNet: {text.TrimEnd()}");
        }

        Draw();
    }

    public void Flush()
    {
        _output.Flush();
        _errors.Flush();
    }

    private void Draw()
    {
        if (!Live)
        {
            return;
        }

        lock (_lock)
        {
            if (_finished)
            {
                return;
            }

            var now = _elapsed.Elapsed;
            var remaining = _measuringSince is { } since ? ProgressText.Remaining(_lastEnd - since, now - _lastEnd, _done, _total) : null;
            var line = ProgressText.LiveLine(_done, _total, _current, _elapsed.Elapsed, remaining, _width());
            // Spaces over whatever of the previous line is longer: "\r" moves back, it erases nothing.
            _output.Write("\r" + line + new string(' ', Math.Max(0, _drawn - line.Length)));
            _output.Flush();
            _drawn = line.Length;
        }
    }

    private void Clear()
    {
        if (_drawn > 0)
        {
            _output.Write("\r" + new string(' ', _drawn) + "\r");
            _output.Flush();
            _drawn = 0;
        }
    }

    /// <summary>The terminal's width less one column (writing the last column wraps on some terminals); 80 when unknown.</summary>
    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 1 ? Console.WindowWidth - 1 : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
