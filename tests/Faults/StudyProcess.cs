using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using LeakBench.Tests.Support;

namespace LeakBench.Tests.Faults;

/// <summary>
/// The built LeakBench program in its own process group (setsid), as a user runs it from a terminal: so a test
/// can send Ctrl+C's SIGINT to the whole group, wait for a line, and check which of its processes are left.
/// Linux only (setsid, kill, /proc through pgrep), as the faults it provokes are.
/// </summary>
public sealed partial class StudyProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly TaskCompletionSource _stdoutDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private StudyProcess(Process process) => _process = process;

    public static string Dll => Path.Combine(RepoPaths.Root, "bench", "bin", "Release", "net10.0", "LeakBench.dll");

    /// <summary>The host's pid, which setsid also makes the process group id.</summary>
    public int Pid => _process.Id;

    public IReadOnlyList<string> StdOut => [.. _stdout];

    public IReadOnlyList<string> StdErr => [.. _stderr];

    /// <summary>Starts <c>dotnet LeakBench.dll args</c>; with <paramref name="fileLimit"/>, under <c>ulimit -n</c> (soft and hard).</summary>
    public static StudyProcess Start(IEnumerable<string> args, int? fileLimit = null)
    {
        var psi = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        var limit = fileLimit is int n ? string.Create(CultureInfo.InvariantCulture, $"ulimit -n {n} && ") : string.Empty;
        psi.ArgumentList.Add("-c");
        // env --default-signal=INT: a test run started in the background by a non-interactive shell inherits SIGINT
        // ignored, and .NET keeps an inherited ignore, so the study would never see the tests' Ctrl+C (measured: both
        // Ctrl+C tests failed under `nohup ... &` and passed in the foreground). setsid: a process group of its own.
        psi.ArgumentList.Add($"{limit}exec env --default-signal=INT setsid dotnet \"$@\"");
        psi.ArgumentList.Add("sh");
        psi.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        var process = new Process { StartInfo = psi };
        var study = new StudyProcess(process);
        process.OutputDataReceived += (_, e) => Add(e.Data, study._stdout, study._stdoutDone);
        process.ErrorDataReceived += (_, e) => Add(e.Data, study._stderr, study._stderrDone);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return study;
    }

    /// <summary>Waits for a stdout line that matches; fails the test with what was printed when none comes in time.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_stdout.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            if (_process.HasExited && _stdoutDone.Task.IsCompleted)
            {
                break;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"no such line within {timeout}; stdout:\n{string.Join('\n', _stdout.TakeLast(30))}\nstderr:\n{string.Join('\n', _stderr)}");
    }

    /// <summary>The target's pid from the study's "leakbench: target LEAKBENCH_READY ... pid=N" line.</summary>
    public async Task<int> WaitForTargetAsync(TimeSpan timeout)
    {
        var line = await WaitForLineAsync(l => l.StartsWith("leakbench: target LEAKBENCH_READY", StringComparison.Ordinal), timeout);
        return int.Parse(TargetPid().Match(line).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>A signal to the whole group, as a terminal sends Ctrl+C's SIGINT.</summary>
    public void SignalGroup(string signal) => Run("kill", $"-{signal}", "--", string.Create(CultureInfo.InvariantCulture, $"-{Pid}"));

    public void Signal(string signal) => Run("kill", $"-{signal}", Pid.ToString(CultureInfo.InvariantCulture));

    /// <summary>The exit code; past the deadline the group is killed and the test fails.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            SignalGroup("KILL");
            throw new TimeoutException($"still running after {timeout}; stdout:\n{string.Join('\n', _stdout.TakeLast(30))}\nstderr:\n{string.Join('\n', _stderr)}");
        }

        await Task.WhenAll(_stdoutDone.Task, _stderrDone.Task).WaitAsync(TimeSpan.FromSeconds(10));
        return _process.ExitCode;
    }

    /// <summary>
    /// The processes this run left: its target (started with --parent-pid of the host), its benchmark processes
    /// (BenchmarkDotNet's build of this checkout) and anything still in its process group. Waits up to
    /// <paramref name="grace"/> for them to go (the target's parent watch polls every 0.5 s).
    /// </summary>
    public async Task<IReadOnlyList<string>> LeftBehindAsync(TimeSpan grace)
    {
        var deadline = Stopwatch.StartNew();
        IReadOnlyList<string> left;
        do
        {
            left = [
                .. Pgrep("-af", "--", string.Create(CultureInfo.InvariantCulture, $"--parent-pid {Pid}")),
                .. Pgrep("-a", "-g", Pid.ToString(CultureInfo.InvariantCulture)),
            ];
            if (left.Count == 0)
            {
                return left;
            }

            await Task.Delay(200);
        }
        while (deadline.Elapsed < grace);
        return left;
    }

    public static void AssertNothingLeft(IReadOnlyList<string> left) => Assert.True(left.Count == 0, "left running:\n" + string.Join('\n', left));

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            SignalGroup("KILL");
        }

        _process.Dispose();
    }

    private static List<string> Pgrep(params string[] args)
    {
        var psi = new ProcessStartInfo("pgrep") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();

        // pgrep -f also matches the shell that runs pgrep's own pattern on some systems: keep real processes only.
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.Contains(" pgrep ", StringComparison.Ordinal)).ToList();
    }

    private static void Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        p.WaitForExit();
    }

    private static void Add(string? line, ConcurrentQueue<string> lines, TaskCompletionSource done)
    {
        if (line is null)
        {
            done.TrySetResult();
        }
        else
        {
            lines.Enqueue(line);
        }
    }

    [GeneratedRegex(@"pid=(\d+)")]
    private static partial Regex TargetPid();
}
