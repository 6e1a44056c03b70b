using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LeakBench.Cases;

/// <summary>Thrown when the target's certificate is not the one the study pinned: the case fails, it never runs unvalidated.</summary>
public sealed class CertificatePinException : Exception
{
    public CertificatePinException(string message)
        : base(message)
    {
    }

    public CertificatePinException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CertificatePinException()
    {
    }
}

/// <summary>
/// The one certificate the study's TLS clients trust: the target's, by its SHA-256 thumbprint (served by
/// the target's control port). Validation stays on: <see cref="Validate"/> is the handler's
/// RemoteCertificateValidationCallback, it accepts exactly this certificate, and it accepts the chain
/// error only (a pinned self-signed certificate has no trusted root: that is what pinning replaces).
/// A host name mismatch or a missing certificate still fails.
/// </summary>
public sealed class CertificatePin
{
    public CertificatePin(string sha256Thumbprint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sha256Thumbprint);
        var hex = sha256Thumbprint.Replace(":", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
        if (hex.Length != 64 || !hex.All(Uri.IsHexDigit))
        {
            throw new ArgumentException($"a SHA-256 thumbprint is 64 hex digits, got '{sha256Thumbprint}'", nameof(sha256Thumbprint));
        }

        Sha256 = hex;
    }

    private int _validations;

    /// <summary>The pinned thumbprint, upper-case hex without separators.</summary>
    public string Sha256 { get; }

    /// <summary>How many times a handshake asked this pin to validate the target's certificate.</summary>
    public int Validations => Volatile.Read(ref _validations);

    /// <summary>The handler's validation callback. Throws <see cref="CertificatePinException"/> on a thumbprint mismatch.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        Interlocked.Increment(ref _validations);
        if (certificate is null)
        {
            throw new CertificatePinException($"the target sent no certificate; the study trusts only SHA-256 {Sha256}");
        }

        var actual = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        if (!string.Equals(actual, Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new CertificatePinException(
                $"certificate mismatch: the target presented SHA-256 {actual}, but the study trusts only {Sha256} (the thumbprint its control port served); the connection was refused, nothing ran unvalidated");
        }

        return (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None;
    }

    /// <summary>The pin failure inside <paramref name="exception"/>'s inner exceptions, if a pin failure caused it.</summary>
    public static CertificatePinException? FailureIn(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is CertificatePinException pin)
            {
                return pin;
            }
        }

        return null;
    }
}
