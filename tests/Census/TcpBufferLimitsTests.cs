using LeakBench.Census;

namespace LeakBench.Tests.Census;

/// <summary>The environment block's TCP buffer limits, from sample files in the kernel's format (tab-separated).</summary>
public sealed class TcpBufferLimitsTests
{
    [Fact]
    public void Both_limits_are_read_as_min_default_max()
    {
        var rmem = Path.GetTempFileName();
        var wmem = Path.GetTempFileName();
        try
        {
            File.WriteAllText(rmem, "4096\t131072\t6291456\n");
            File.WriteAllText(wmem, "4096\t16384\t4194304\n");

            Assert.Equal("tcp_rmem 4096 131072 6291456; tcp_wmem 4096 16384 4194304 (bytes: min, default, max)", TcpBufferLimits.Describe(rmem, wmem));
        }
        finally
        {
            File.Delete(rmem);
            File.Delete(wmem);
        }
    }

    [Fact]
    public void Without_the_files_it_says_n_a()
    {
        Assert.StartsWith("n/a", TcpBufferLimits.Describe("/nonexistent/tcp_rmem", "/nonexistent/tcp_wmem"), StringComparison.Ordinal);
    }
}
