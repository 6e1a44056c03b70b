using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace LeakBench.Processes;

/// <summary>
/// Every child process of the study's own (the target, the seed's and the runtime pairing's children, the builds it
/// runs) starts here, and every one is killed here, one way: its whole tree, on its owner's word (a deadline, a
/// cancellation, a dispose) and, for any still running, when this process exits, on Ctrl+C and on an unhandled
/// exception, so that none outlives the run (the target also watches its parent, which covers a kill -9 of the study).
/// BenchmarkDotNet starts and kills the benchmark processes itself.
/// </summary>
public static class OwnChildren
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly ConcurrentDictionary<Process, byte> Live = new();

    static OwnChildren()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => KillAll();
        // The first Ctrl+C stops the run and keeps what was measured (Cli.Interruption): the children go at once.
        Console.CancelKeyPress += (_, _) => KillAll();
    }

    /// <summary>
    /// Starts <paramref name="fileName"/> with <paramref name="arguments"/> (each one argument, no shell), stdin, stdout
    /// and stderr redirected as UTF-8, and keeps it among the live children until <see cref="Kill"/>.
    /// </summary>
    /// <param name="workingDirectory">Its working directory; null: this process's.</param>
    /// <param name="environment">Changes to the environment it inherits from this process.</param>
    /// <param name="beforeStart">Sets up the process (event handlers) before it starts.</param>
    /// <exception cref="System.ComponentModel.Win32Exception">The file cannot be started.</exception>
    public static Process Start(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        Action<IDictionary<string, string?>>? environment = null,
        Action<Process>? beforeStart = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        ArgumentNullException.ThrowIfNull(arguments);
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            startInfo.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        environment?.Invoke(startInfo.Environment);
        var process = new Process { StartInfo = startInfo };
        beforeStart?.Invoke(process);
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }

        Live.TryAdd(process, 0);
        return process;
    }

    /// <summary>"file arg1 arg2 …" of a started child, for messages.</summary>
    public static string CommandLine(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        return string.Join(' ', [Path.GetFileName(process.StartInfo.FileName), .. process.StartInfo.ArgumentList]);
    }

    /// <summary>
    /// The one kill policy: the child and every process it started, each with one SIGKILL, then a wait of up to 5 s for
    /// its exit. Nothing is stopped first (Process.Kill(entireProcessTree) sends SIGSTOP to the tree before it kills it,
    /// and when the study exits between the two, Ctrl+C racing its exit, the child stays stopped: seen here, a target
    /// left in state T, which cannot notice through its parent watch that the study is gone). Its descendants are read
    /// before it dies (then they would belong to init); where there is no /proc, the runtime's tree kill does it.
    /// </summary>
    public static void Kill(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        Live.TryRemove(process, out _);
        try
        {
            if (process.HasExited)
            {
                return;
            }

            if (!OperatingSystem.IsLinux())
            {
                process.Kill(entireProcessTree: true);
            }
            else
            {
                var descendants = DescendantsOf(process.Id);
                process.Kill(entireProcessTree: false);
                foreach (var pid in descendants)
                {
                    KillOne(pid);
                }
            }

            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Never started, already reaped, or exited between the check and the kill: nothing left to kill.
        }
    }

    private static void KillAll()
    {
        foreach (var process in Live.Keys)
        {
            Kill(process);
        }
    }

    private static void KillOne(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: false);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // It has gone already.
        }
    }

    // Every descendant of pid, from the parent ids in /proc/N/stat ("N (comm) S PPID …"; comm may hold spaces and parentheses).
    private static List<int> DescendantsOf(int pid)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var child))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // gone meanwhile, or not ours to read
            }

            var fields = stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent))
            {
                (children.TryGetValue(parent, out var list) ? list : children[parent] = []).Add(child);
            }
        }

        var descendants = new List<int>();
        var pending = new Queue<int>([pid]);
        while (pending.TryDequeue(out var next))
        {
            foreach (var child in children.GetValueOrDefault(next) ?? [])
            {
                descendants.Add(child);
                pending.Enqueue(child);
            }
        }

        return descendants;
    }
}
