extern alias server;

using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LeakBench.Cases;
using LeakBench.Target;
using LeakBench.Tests.Support;
using ServerCertificate = server::LeakBench.Server.TargetCertificate;

namespace LeakBench.Tests.Target;

/// <summary>The target's HTTPS port and its pinned certificate, against the real server process.</summary>
[Trait("Category", "Slow")]
public sealed class HttpsTargetTests(TargetFixture target) : IClassFixture<TargetFixture>
{
    private async Task<CertificatePin> PinAsync() => new(await TargetControl.ReadCertificateThumbprintAsync(target.Urls));

    [Fact]
    public void The_ready_line_announces_an_https_url_on_loopback()
    {
        var https = Assert.IsType<Uri>(target.Urls.Https);
        Assert.Equal("https", https.Scheme);
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(https.Host)));
        Assert.NotEqual(target.Urls.Http1.Port, https.Port);
    }

    [Theory]
    [InlineData(HttpProtocol.Http11, "1.1")]
    [InlineData(HttpProtocol.Http2, "2.0")]
    public async Task The_https_port_speaks_the_protocol_ALPN_asks_for_with_the_pinned_certificate(HttpProtocol protocol, string version)
    {
        var pin = await PinAsync();
        var @case = new StudyCase { Disposed = true, Drain = Drain.Full, Tls = true, Protocol = protocol };
        using var client = CaseClient.Create(@case, pin: pin);

        using var response = await client.GetAsync(new Uri(target.Urls.Https!, "/bytes/1024"));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Version.Parse(version), response.Version);
        Assert.Equal(1024, body.Length);
        Assert.Equal(1, pin.Validations);
    }

    [Fact]
    public async Task The_served_thumbprint_is_the_SHA256_of_the_certificate_the_port_presents()
    {
        X509Certificate2? presented = null;
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                // Records the certificate and accepts only the chain error a self-signed certificate has.
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    presented = certificate is null ? null : new X509Certificate2(certificate);
                    return errors == SslPolicyErrors.RemoteCertificateChainErrors;
                },
            },
        };
        using var client = new HttpClient(handler);
        using var response = await client.GetAsync(new Uri(target.Urls.Https!, "/empty"));

        var served = await TargetControl.ReadCertificateThumbprintAsync(target.Urls);
        Assert.NotNull(presented);
        Assert.Equal(64, served.Length);
        Assert.Equal(presented!.GetCertHashString(HashAlgorithmName.SHA256), served);
        Assert.Contains("localhost", presented.GetNameInfo(X509NameType.DnsName, forIssuer: false), StringComparison.Ordinal);
        Assert.IsAssignableFrom<ECDsa>(presented.PublicKey.GetECDsaPublicKey());
    }

    [Fact]
    public async Task Stats_count_the_https_ports_handshakes_and_connections()
    {
        var pin = await PinAsync();
        var before = (await TargetControl.ReadStatsAsync(target.Urls)).Https!;
        var @case = new StudyCase { Disposed = true, Drain = Drain.Full, Tls = true, TlsResume = false };
        for (var i = 0; i < 3; i++)
        {
            using var client = CaseClient.Create(@case, pin: pin);
            using var response = await client.GetAsync(new Uri(target.Urls.Https!, "/empty"));
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        var after = (await TargetControl.ReadStatsAsync(target.Urls)).Https!;
        Assert.Equal(target.Urls.Https!.Port, after.Port);
        Assert.Equal(3, after.TlsHandshakes - before.TlsHandshakes);
        Assert.Equal(3, after.ConnectionsAccepted - before.ConnectionsAccepted);
        Assert.Equal(3, after.RequestsServed - before.RequestsServed);
    }

    [Fact]
    public void A_ready_line_without_https_still_parses_and_one_with_it_round_trips()
    {
        var old = TargetUrls.TryParseReadyLine("LEAKBENCH_READY http1=http://127.0.0.1:1000 h2c=http://127.0.0.1:1001 control=http://127.0.0.1:1002 pid=42");
        Assert.NotNull(old);
        Assert.Null(old!.Https);

        var urls = old with { Https = new Uri("https://127.0.0.1:1003") };
        var line = urls.ToReadyLine();
        Assert.EndsWith(" https=https://127.0.0.1:1003", line, StringComparison.Ordinal);
        Assert.Equal(urls, TargetUrls.TryParseReadyLine(line));
    }

    [Fact]
    public void The_certificate_is_ECDSA_P256_for_localhost_and_loopback_and_survives_the_in_memory_PFX_round_trip()
    {
        using var certificate = ServerCertificate.Create(DateTimeOffset.UtcNow);
        var thumbprint = ServerCertificate.Sha256Thumbprint(certificate);
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();

        Assert.True(certificate.HasPrivateKey);
        Assert.Equal(256, certificate.GetECDsaPublicKey()!.KeySize);
        Assert.Equal(["localhost"], san.EnumerateDnsNames());
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], san.EnumerateIPAddresses());

        // The Windows path (SChannel needs a non-ephemeral key), run here on whatever OS the tests run on.
        using var roundTripped = ServerCertificate.ThroughPfx(ServerCertificate.Create(DateTimeOffset.UtcNow));
        Assert.True(roundTripped.HasPrivateKey);
        Assert.NotEqual(thumbprint, ServerCertificate.Sha256Thumbprint(roundTripped)); // a fresh key each time
        Assert.Equal(64, ServerCertificate.Sha256Thumbprint(roundTripped).Length);
    }
}
