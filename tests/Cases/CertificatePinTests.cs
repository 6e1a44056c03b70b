extern alias server;

using System.Net.Security;
using LeakBench.Cases;
using ServerCertificate = server::LeakBench.Server.TargetCertificate;

namespace LeakBench.Tests.Cases;

/// <summary>The client's certificate pin: exactly one certificate, validation never off.</summary>
public sealed class CertificatePinTests
{
    [Fact]
    public void The_pinned_certificate_passes_with_only_the_self_signed_chain_error()
    {
        using var certificate = ServerCertificate.Create(DateTimeOffset.UtcNow);
        var pin = new CertificatePin(ServerCertificate.Sha256Thumbprint(certificate).ToLowerInvariant());

        Assert.True(pin.Validate(this, certificate, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.True(pin.Validate(this, certificate, null, SslPolicyErrors.None));
        Assert.False(pin.Validate(this, certificate, null, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.Equal(3, pin.Validations);
    }

    [Fact]
    public void Another_certificate_fails_with_a_message_naming_both_thumbprints()
    {
        using var pinned = ServerCertificate.Create(DateTimeOffset.UtcNow);
        using var other = ServerCertificate.Create(DateTimeOffset.UtcNow);
        var pin = new CertificatePin(ServerCertificate.Sha256Thumbprint(pinned));

        var e = Assert.Throws<CertificatePinException>(() => pin.Validate(this, other, null, SslPolicyErrors.None));

        Assert.Contains("certificate mismatch", e.Message, StringComparison.Ordinal);
        Assert.Contains(ServerCertificate.Sha256Thumbprint(other), e.Message, StringComparison.Ordinal);
        Assert.Contains(pin.Sha256, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_certificate_fails()
    {
        var pin = new CertificatePin(new string('A', 64));

        Assert.Throws<CertificatePinException>(() => pin.Validate(this, null, null, SslPolicyErrors.RemoteCertificateNotAvailable));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ABC")]
    [InlineData("ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ")]
    public void A_pin_that_is_not_a_SHA256_thumbprint_is_refused(string thumbprint) =>
        Assert.ThrowsAny<ArgumentException>(() => new CertificatePin(thumbprint));

    [Fact]
    public void A_TLS_case_without_a_pin_refuses_to_build_a_handler()
    {
        var @case = new StudyCase { Disposed = true, Drain = Drain.Full, Tls = true };

        Assert.Throws<InvalidOperationException>(() => CaseClient.CreateHandler(@case));
    }
}
