using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LeakBench.Server;

/// <summary>
/// The HTTPS port's certificate: self-signed, made in memory at start (ECDSA P-256, subject and SAN
/// <c>localhost</c>, 127.0.0.1 and ::1), valid for a day. Nothing is written to a certificate store or
/// to disk, and no <c>dotnet dev-certs</c> is needed. The study's client trusts exactly this
/// certificate by its SHA-256 thumbprint, which the control port serves.
/// </summary>
public static class TargetCertificate
{
    /// <summary>The TLS server authentication purpose (id-kp-serverAuth).</summary>
    public const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    /// <summary>A fresh certificate with its private key, usable by Kestrel on this OS.</summary>
    public static X509Certificate2 Create(DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthOid)], critical: false));

        // A few minutes back: a client whose clock is slightly behind still sees a valid certificate.
        var ephemeral = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        return OperatingSystem.IsWindows() ? ThroughPfx(ephemeral) : ephemeral;
    }

    /// <summary>The SHA-256 thumbprint as upper-case hex, as the control port serves it and the client compares it.</summary>
    public static string Sha256Thumbprint(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }

    /// <summary>
    /// Windows only, and NOT RUN on the Linux machine the study was built on: SChannel cannot use the
    /// ephemeral key CreateSelfSigned makes, so the certificate goes through a PKCS#12 blob in memory
    /// and is loaded back. Without PersistKeySet the key container Windows makes for it is deleted
    /// when the certificate is disposed (the target disposes it at shutdown); nothing enters a store.
    /// </summary>
    public static X509Certificate2 ThroughPfx(X509Certificate2 ephemeral)
    {
        ArgumentNullException.ThrowIfNull(ephemeral);
        using (ephemeral)
        {
            var pfx = ephemeral.Export(X509ContentType.Pkcs12);
            try
            {
#if NET9_0_OR_GREATER
                return X509CertificateLoader.LoadPkcs12(pfx, password: null, X509KeyStorageFlags.UserKeySet);
#else
                // The study's own file is also compiled into LeakBench for net8.0 (--runtimes), which has no X509CertificateLoader.
                return new X509Certificate2(pfx, (string?)null, X509KeyStorageFlags.UserKeySet);
#endif
            }
            finally
            {
                CryptographicOperations.ZeroMemory(pfx);
            }
        }
    }
}
