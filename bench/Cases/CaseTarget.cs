using LeakBench.Target;

namespace LeakBench.Cases;

/// <summary>Which of the target's ports a case talks to: HTTPS for TLS cases, h2c for plaintext HTTP/2, HTTP/1.1 otherwise.</summary>
public static class CaseTarget
{
    public static Uri UriFor(TargetUrls target, StudyCase @case)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(@case);
        if (@case.Tls)
        {
            return target.Https ?? throw new InvalidOperationException("this case speaks TLS, but the target announced no https= port (an older target?)");
        }

        return @case.Protocol == HttpProtocol.Http2 ? target.H2c : target.Http1;
    }
}
