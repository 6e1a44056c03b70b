using System.Globalization;
using LeakBench.Tests.Support;

namespace LeakBench.Tests.Target;

/// <summary>
/// The target runs at the priority BenchmarkDotNet gives its benchmark processes (issue 32): High, which is nice -11 on
/// Linux, where only a privileged process may set it. At nice 0 against a benchmark process at -11, the target of a
/// loaded machine went without CPU for 1.7 s while a request waited on it.
/// </summary>
[Trait("Category", "Slow")]
public sealed class TargetPriorityTests(TargetFixture target) : IClassFixture<TargetFixture>
{
    [SkippableFact]
    public void The_target_gets_BenchmarkDotNets_High_priority_where_the_OS_allows_it()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "reads the nice value from /proc");

        // BenchmarkDotNet's EnsureHighPriority sets ProcessPriorityClass.High; .NET maps it to nice -11 on Linux.
        Assert.Equal(Environment.IsPrivilegedProcess ? -11 : 0, NiceOf(target.Server.ProcessId));
    }

    // Field 19 of /proc/PID/stat, counted after the command name (field 2, in parentheses, which may hold spaces).
    private static int NiceOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[19 - 3], CultureInfo.InvariantCulture);
    }
}
