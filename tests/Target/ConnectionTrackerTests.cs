extern alias server;

using System.Net;
using Microsoft.AspNetCore.Connections;
using server::LeakBench.Server;

namespace LeakBench.Tests.Target;

/// <summary>The target's connection tracker on plain connection contexts: what it aborts, and what it counts apart until Kestrel lets go.</summary>
public sealed class ConnectionTrackerTests
{
    [Fact]
    public async Task An_aborted_connection_that_Kestrel_still_serves_is_counted_apart_until_it_ends()
    {
        var tracker = new ConnectionTracker();
        // A connection whose handling never ends by itself, as the lingering HTTP/2 connection's did.
        var release = new TaskCompletionSource();
        var context = new DefaultConnectionContext("c1") { LocalEndPoint = new IPEndPoint(IPAddress.Loopback, 5001) };
        var serving = tracker.Track(_ => release.Task)(context);

        Assert.Equal(1, tracker.LiveOn(5001));
        Assert.Equal(0, tracker.AbortedStillOpen(5001));
        Assert.Equal(0, tracker.AbortAll(5002));

        // (That an abort closes a real connection is LeftoverConnectionTests' part, over real sockets.)
        Assert.Equal(1, tracker.AbortAll(5001));
        Assert.Equal(1, tracker.AbortedStillOpen(5001));

        release.SetResult();
        await serving;
        Assert.Equal(0, tracker.LiveOn(5001));
        Assert.Equal(0, tracker.AbortedStillOpen(5001));
    }
}
