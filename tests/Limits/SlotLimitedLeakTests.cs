using LeakBench.Cases;
using LeakBench.Census;
using LeakBench.Tests.Reports;

namespace LeakBench.Tests.Limits;

/// <summary>
/// Which cases are not timed, on purpose, from their description alone: a leak that can take every slot of
/// a slot-limited client stalls the timed part sooner or later, even when its census did not stall (a GC
/// happened to free the slots).
/// </summary>
public sealed class SlotLimitedLeakTests
{
    private static readonly StudyCase Leak = new() { Disposed = false, Drain = Drain.None };

    private static CensusResult NoStall => ReportSamples.Census(opened: 1, peak: 1, leaked: 1, afterGc: 0, timeWait: 0, threads: 15, trajectory: [1]);

    public static TheoryData<string, StudyCase, bool> Cases => new()
    {
        { "h2, one connection, 256 KiB", Leak with { Protocol = HttpProtocol.Http2, BodyBytes = 256 * 1024 }, true },
        { "h2 over TLS, 2 MiB", Leak with { Protocol = HttpProtocol.Http2, Tls = true, BodyBytes = 2 * 1024 * 1024 }, true },
        { "h2, partly read 2 MiB", Leak with { Protocol = HttpProtocol.Http2, Drain = Drain.Partial4KiB, BodyBytes = 2 * 1024 * 1024 }, true },
        { "h2, one byte under the window", Leak with { Protocol = HttpProtocol.Http2, BodyBytes = 65_535 }, false },
        { "h2, 1 KiB (END_STREAM frees the slot)", Leak with { Protocol = HttpProtocol.Http2, BodyBytes = 1024 }, false },
        { "h2, multiple connections", Leak with { Protocol = HttpProtocol.Http2, MultipleHttp2Connections = true, BodyBytes = 256 * 1024 }, false },
        { "h2, read to the end", Leak with { Protocol = HttpProtocol.Http2, Drain = Drain.Full, BodyBytes = 256 * 1024 }, false },
        { "h2, disposed", Leak with { Protocol = HttpProtocol.Http2, Disposed = true, BodyBytes = 256 * 1024 }, false },
        { "h2, buffered (ResponseContentRead)", Leak with { Protocol = HttpProtocol.Http2, Completion = HttpCompletionOption.ResponseContentRead, BodyBytes = 256 * 1024 }, false },
        { "HTTP/1.1, MaxConnectionsPerServer 10, 1 KiB", Leak with { MaxConnectionsPerServer = 10 }, true },
        { "HTTP/1.1, MaxConnectionsPerServer 10, empty body", Leak with { MaxConnectionsPerServer = 10, Framing = Framing.Empty, BodyBytes = 0 }, false },
        { "HTTP/1.1, unlimited pool, 2 MiB", Leak with { BodyBytes = 2 * 1024 * 1024 }, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_leak_holds_every_slot_only_on_a_slot_limited_client(string name, StudyCase @case, bool holds)
    {
        Assert.True(@case.LeakHoldsEverySlot == holds, name);
        Assert.Equal(holds, NotTimedOnPurposeException.ReasonFor(@case, NoStall) is not null);
    }

    [Fact]
    public void A_slot_limited_leak_whose_census_did_not_stall_is_not_timed_with_the_reason_of_the_case()
    {
        var reason = NotTimedOnPurposeException.ReasonFor(Leak with { Protocol = HttpProtocol.Http2, BodyBytes = 256 * 1024 }, NoStall);

        Assert.Equal("not timed, on purpose: undisposed, unread responses hold every stream slot of the one HTTP/2 connection "
            + "(a body above the 65,535-byte stream window stays unsent) until a GC, so a timed request would wait for the request timeout", reason);
        Assert.Contains("all 10 connections of MaxConnectionsPerServer",
            NotTimedOnPurposeException.ReasonFor(Leak with { MaxConnectionsPerServer = 10 }, census: null), StringComparison.Ordinal);
    }

    [Fact]
    public void A_census_that_stalled_gives_its_own_reason_first()
    {
        var stalled = NoStall with { StalledAt = 101, GcFreesIt = true };

        Assert.Equal("not timed, on purpose: the census stalled at request 101 until the request timeout",
            NotTimedOnPurposeException.ReasonFor(Leak with { Protocol = HttpProtocol.Http2, BodyBytes = 256 * 1024 }, stalled));
        // Even a case that could not stall by its description: the census is what happened.
        Assert.NotNull(NotTimedOnPurposeException.ReasonFor(Leak, stalled));
    }
}
