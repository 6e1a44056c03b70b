using System.Diagnostics;

namespace LeakBench.Server;

/// <summary>
/// Stops the server when the process that started it is gone, so that a crashed or killed benchmark
/// never leaves a target behind. Polling is enough: a target that lingers half a second is harmless.
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
}
