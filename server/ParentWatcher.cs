using System.Diagnostics;
using System.Runtime.InteropServices;

namespace LeakBench.Server;

/// <summary>
/// Stops the server when the process that started it is gone, so that a crashed or killed benchmark
/// never leaves a target behind. Polling is enough: a target that lingers half a second is harmless.
/// A target with a parent also ignores SIGINT (<see cref="Lifetime"/>): its life is its parent's business.
/// </summary>
public static class ParentWatcher
{
    public static void Watch(int parentPid, Action onParentGone)
    {
        var parent = TryOpen(parentPid);
        if (parent is null)
        {
            onParentGone();
            return;
        }

        var thread = new Thread(() =>
        {
            using (parent)
            {
                while (!parent.WaitForExit(500))
                {
                }
            }

            onParentGone();
        })
        {
            IsBackground = true,
            Name = "parent-watcher",
        };
        thread.Start();
    }

    private static Process? TryOpen(int pid)
    {
        try
        {
            var p = Process.GetProcessById(pid);
            return p.HasExited ? null : p;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// The host lifetime of a target that has a parent. Ctrl+C in a terminal sends SIGINT to the whole process group,
    /// the target included; the parent decides what it means (a study keeps what it measured and then stops the target),
    /// so the target ignores it and stops through the parent watch, a kill, or SIGTERM. Replaces the console lifetime,
    /// which would stop on SIGINT.
    /// </summary>
    internal sealed class Lifetime(IHostApplicationLifetime lifetime) : IHostLifetime, IDisposable
    {
        private readonly List<PosixSignalRegistration> _signals = [];

        public Task WaitForStartAsync(CancellationToken cancellationToken)
        {
            _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true));
            _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                lifetime.StopApplication();
            }));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
            foreach (var signal in _signals)
            {
                signal.Dispose();
            }
        }
    }
}
