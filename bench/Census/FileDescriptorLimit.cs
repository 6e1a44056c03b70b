using System.Runtime.InteropServices;

namespace LeakBench.Census;

/// <summary>
/// This process's soft limit on open file descriptors (<c>RLIMIT_NOFILE</c>), read and set with
/// getrlimit/setrlimit through P/Invoke: only this process, never the machine. .NET raises the soft
/// limit to the hard one at start-up, so a census that wants to meet a low limit (1,024, what
/// <c>ulimit -n 1024</c> sets and some hosts impose) lowers its own soft limit after start-up and puts
/// it back afterwards. Linux and macOS; on Windows <see cref="IsSupported"/> is false ("not applicable").
/// </summary>
public static class FileDescriptorLimit
{
    /// <summary>True where RLIMIT_NOFILE exists (Linux, macOS).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>The current soft and hard limits.</summary>
    public static (ulong Soft, ulong Hard) Read()
    {
        ThrowIfUnsupported();
        var limit = default(RLimit);
        if (GetRLimit(Resource, ref limit) != 0)
        {
            throw new InvalidOperationException($"getrlimit(RLIMIT_NOFILE) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        return (limit.Current, limit.Maximum);
    }

    /// <summary>Sets the soft limit (the hard one stays); returns a scope that puts the old soft limit back.</summary>
    public static IDisposable LowerSoft(ulong soft)
    {
        var (oldSoft, hard) = Read();
        Set(Math.Min(soft, hard), hard);
        return new Restore(oldSoft, hard);
    }

    /// <summary>
    /// Descriptors this process holds now, from <c>/proc/self/fd</c> (Linux) or <c>/dev/fd</c> (macOS); null elsewhere.
    /// The enumeration's own descriptor is not counted.
    /// </summary>
    public static int? OpenNow()
    {
        var directory = OperatingSystem.IsLinux() ? "/proc/self/fd" : OperatingSystem.IsMacOS() ? "/dev/fd" : null;
        if (directory is null || !Directory.Exists(directory))
        {
            return null;
        }

        return Math.Max(0, Directory.EnumerateFileSystemEntries(directory).Count() - 1);
    }

    private static int Resource => OperatingSystem.IsMacOS() ? 8 : 7; // RLIMIT_NOFILE: 8 on Darwin, 7 on Linux

    private static void Set(ulong soft, ulong hard)
    {
        ThrowIfUnsupported();
        var limit = new RLimit { Current = soft, Maximum = hard };
        if (SetRLimit(Resource, ref limit) != 0)
        {
            throw new InvalidOperationException($"setrlimit(RLIMIT_NOFILE, {soft}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    private static void ThrowIfUnsupported()
    {
        if (!IsSupported)
        {
            throw new PlatformNotSupportedException("RLIMIT_NOFILE exists on Linux and macOS only");
        }
    }

    // rlim_t is 64 bits on every 64-bit Linux and on macOS.
    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    // DllImport, not LibraryImport: the struct is blittable, so no marshalling code is needed, and
    // LibraryImport would need the project to allow unsafe code for two calls.
    [DllImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static extern int GetRLimit(int resource, ref RLimit limit);

    [DllImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static extern int SetRLimit(int resource, ref RLimit limit);

    private sealed class Restore(ulong soft, ulong hard) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                Set(soft, hard);
            }
        }
    }
}
