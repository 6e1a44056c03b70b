using LeakBench.Cases;
using LeakBench.Census;
using LeakBench.Target;
using LeakBench.Tests.Support;
using Xunit.Abstractions;

namespace LeakBench.Tests.Census;

/// <summary>
/// The census over TLS against the real target's HTTPS port, with known answers (issue 11): each
/// connection costs one handshake, counted by the client's System.Net.Security events and by the
/// target's Kestrel meter; a certificate other than the pinned one fails the case.
/// </summary>
[Collection(nameof(CensusRunsAlone))]
[Trait("Category", "Slow")]
public sealed class TlsCensusKnownAnswerTests(TargetFixture target, ITestOutputHelper output) : IClassFixture<TargetFixture>
{
    private const int N = 100;
    private static readonly CensusSettings Settings = new() { Requests = N, TrajectoryStep = 10 };

    private Task<CensusResult> Census(StudyCase @case, CertificatePin? pin = null)
    {
        var pattern = RequestPattern.For(CaseTarget.UriFor(target.Urls, @case), @case);
        return pin is null
            ? SocketCensus.RunAsync(target.Urls, @case, pattern, Settings)
            : SocketCensus.RunAsync(target.Urls, @case, pattern, Settings, pin);
    }

    [Fact]
    public async Task Https11_baseline_reuses_one_connection_with_one_handshake()
    {
        var r = await Census(new StudyCase { Disposed = true, Drain = Drain.Full, Tls = true });

        Assert.Equal(N, r.Succeeded);
        Assert.Equal(1, r.ConnectionsOpened);
        Assert.Equal(1, r.TlsHandshakes);
        Assert.Equal(1, r.ServerTlsHandshakes);
        Assert.Equal(10, r.HandshakesPer1k);
        Assert.Empty(r.Disagreements);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Undisposed_unread_streamed_1KiB_over_https11_costs_a_connection_and_a_handshake_per_request_until_a_full_GC(bool resume)
    {
        var r = await Census(new StudyCase { Disposed = false, Drain = Drain.None, Tls = true, TlsResume = resume });
        output.WriteLine($"resume={resume}: handshakes {r.TlsHandshakes}, server {r.ServerTlsHandshakes}, validations {r.CertificateValidations}, peak {r.PeakOpen}, leaked {r.Leaked}, gen0 {r.Gen0}, p50 {r.LatencyP50Us:0} us");

        Assert.Equal(N, r.Succeeded);
        Assert.Equal(N, r.ConnectionsOpened);
        Assert.Equal(N, r.TlsHandshakes);
        Assert.Equal(N, r.ServerTlsHandshakes);
        Assert.Equal(0, r.FailedTlsHandshakes);
        // No Leaked bound here, unlike plaintext: a handshake allocates enough that gen0 GCs during the
        // census already finalize many leaked connections. What a full GC leaves is the known answer.
        Assert.Equal(0, r.AfterGc);
        Assert.Empty(r.Disagreements);
    }

    [Fact]
    public async Task Http2_over_TLS_baseline_multiplexes_on_one_connection_with_one_handshake()
    {
        var r = await Census(new StudyCase { Disposed = true, Drain = Drain.Full, Tls = true, Protocol = HttpProtocol.Http2 });

        Assert.Equal(1, r.ConnectionsOpened);
        Assert.Equal(1, r.TlsHandshakes);
        Assert.Empty(r.Disagreements);
    }

    [Fact]
    public async Task A_target_certificate_with_another_thumbprint_fails_the_case_naming_the_mismatch()
    {
        var served = await TargetControl.ReadCertificateThumbprintAsync(target.Urls);
        var wrong = new CertificatePin(served[..^1] + (served[^1] == '0' ? '1' : '0'));

        var e = await Assert.ThrowsAsync<CertificatePinException>(() => Census(new StudyCase { Disposed = true, Drain = Drain.Full, Tls = true }, wrong));

        Assert.Contains("certificate mismatch", e.Message, StringComparison.Ordinal);
        Assert.Contains(served, e.Message, StringComparison.Ordinal);
        Assert.Contains(wrong.Sha256, e.Message, StringComparison.Ordinal);
    }
}
