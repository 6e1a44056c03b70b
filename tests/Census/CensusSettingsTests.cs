using LeakBench.Census;

namespace LeakBench.Tests.Census;

/// <summary>The census's socket cap by body size: one rule, which the host hands to each case's process.</summary>
public sealed class CensusSettingsTests
{
    [Theory]
    [InlineData(1024, 4_000)] // the study's 1 KiB bodies
    [InlineData(CensusSettings.SmallBodyBytes - 1, 4_000)]
    [InlineData(CensusSettings.SmallBodyBytes, 1_000)]
    [InlineData(256 * 1024, 1_000)]
    [InlineData(2 * 1024 * 1024, 1_000)]
    public void Small_bodies_get_the_higher_cap(long bodyBytes, int cap) =>
        Assert.Equal(cap, new CensusSettings().MaxOpenSocketsFor(bodyBytes));

    [Fact]
    public void Each_cap_is_its_own_setting()
    {
        var settings = new CensusSettings { MaxOpenSockets = 30, SmallBodyMaxOpenSockets = 70 };

        Assert.Equal(70, settings.MaxOpenSocketsFor(1024));
        Assert.Equal(30, settings.MaxOpenSocketsFor(2 * 1024 * 1024));
    }
}
