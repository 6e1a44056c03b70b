using LeakBench.Target;

namespace LeakBench.Tests.Support;

/// <summary>One real target process per test class, killed when the class is done.</summary>
public sealed class TargetFixture : IAsyncLifetime
{
    private TargetServer? _server;

    public TargetServer Server => _server ?? throw new InvalidOperationException("the target is not started");

    public TargetUrls Urls => Server.Urls;

    public async Task InitializeAsync() => _server = await TargetServer.StartAsync();

    public Task DisposeAsync()
    {
        _server?.Dispose();
        return Task.CompletedTask;
    }
}
