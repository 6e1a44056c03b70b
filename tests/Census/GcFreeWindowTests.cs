using LeakBench.Census;

namespace LeakBench.Tests.Census;

/// <summary>
/// The census's GC-free window after the requests: inside it, allocation that would bring a gen0 GC (and with it the
/// finalizers that close a leak) brings none (so no finalizer runs); past what it reserved, a GC comes and the window says so.
/// </summary>
[Collection(nameof(CensusRunsAlone))]
public sealed class GcFreeWindowTests
{
    // Half the window: more than any gen0 budget measured on the study's machines in workstation GC (24–36 MB), so
    // that without the window this allocation brings a GC.
    private const long InsideBytes = GcFreeWindow.Bytes / 2;

    [Fact]
    public void Allocating_half_the_window_brings_no_GC()
    {
        var window = GcFreeWindow.Open();
        var gen0 = GC.CollectionCount(0);

        Allocate(InsideBytes);
        var gen0After = GC.CollectionCount(0);
        var quiet = window.Close();

        Assert.True(window.Opened);
        Assert.Equal(gen0, gen0After);
        Assert.True(quiet);
    }

    [Fact]
    public void Allocating_past_the_window_ends_it_with_a_GC_and_says_so()
    {
        var window = GcFreeWindow.Open();

        Allocate(GcFreeWindow.Bytes * 2);

        Assert.False(window.Close());
    }

    private static void Allocate(long bytes)
    {
        for (long done = 0; done < bytes; done += 1024)
        {
            GC.KeepAlive(new byte[1000]);
        }
    }
}
