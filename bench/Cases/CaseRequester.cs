using Microsoft.Extensions.DependencyInjection;

namespace LeakBench.Cases;

/// <summary>
/// Sends a case's requests through the client lifetime it names (<see cref="StudyCase.Lifetime"/>): one
/// shared client, a new client per request (disposed or not), <c>IHttpClientFactory</c> from a real
/// ServiceCollection, or a shared handler with a short pooled connection lifetime. Every handler it
/// makes, per request or not, gets the same connect callback, so the census counts every connection.
/// </summary>
public sealed class CaseRequester : IDisposable
{
    /// <summary>The factory's named client.</summary>
    public const string FactoryClientName = "leakbench";

    private readonly StudyCase _case;
    private readonly Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? _connect;
    private readonly CertificatePin? _pin;
    private readonly HttpClient? _shared;
    private readonly ServiceProvider? _services;
    private readonly IHttpClientFactory? _factory;
    private readonly System.Collections.Concurrent.ConcurrentBag<SocketsHttpHandler> _factoryHandlers = [];
    private int _sent;

    public CaseRequester(StudyCase @case, Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? connect = null, CertificatePin? pin = null)
    {
        ArgumentNullException.ThrowIfNull(@case);
        _case = @case;
        _connect = connect;
        _pin = pin;
        switch (@case.Lifetime)
        {
            case ClientLifetime.Shared or ClientLifetime.PooledLifetime1s:
                _shared = CaseClient.Create(@case, connect, pin);
                break;
            case ClientLifetime.Factory:
                var services = new ServiceCollection();
                services.AddHttpClient(FactoryClientName, client => CaseClient.Configure(client, @case))
                    .UseSocketsHttpHandler((handler, _) =>
                    {
                        CaseClient.Configure(handler, @case, connect, pin);
                        _factoryHandlers.Add(handler);
                    });
                _services = services.BuildServiceProvider();
                _factory = _services.GetRequiredService<IHttpClientFactory>();
                break;
            case ClientLifetime.PerRequestDisposed or ClientLifetime.PerRequestUndisposed:
                if (pin is null && @case.Tls)
                {
                    throw new InvalidOperationException("a TLS case needs the target's certificate pin");
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(@case), @case.Lifetime, "unknown client lifetime");
        }
    }

    /// <summary>Requests this requester has begun to send: which request a stall of the timed part was (<see cref="Census.TimedStall"/>).</summary>
    public int Sent => Volatile.Read(ref _sent);

    /// <summary>Sends one request of <paramref name="pattern"/> through this case's client lifetime.</summary>
    public async Task SendAsync(RequestPattern pattern, byte[] buffer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        Interlocked.Increment(ref _sent);
        try
        {
            switch (_case.Lifetime)
            {
                case ClientLifetime.PerRequestDisposed:
                    using (var client = CaseClient.Create(_case, _connect, _pin))
                    {
                        await pattern.SendAsync(client, buffer, cancellationToken);
                    }

                    break;
                case ClientLifetime.PerRequestUndisposed:
                    await SendOnUndisposedClientAsync(pattern, buffer, cancellationToken);
                    break;
                case ClientLifetime.Factory:
                    // Factory clients are cheap wrappers; disposing one leaves the pooled handler alone.
                    using (var client = _factory!.CreateClient(FactoryClientName))
                    {
                        await pattern.SendAsync(client, buffer, cancellationToken);
                    }

                    break;
                default:
                    await pattern.SendAsync(_shared!, buffer, cancellationToken);
                    break;
            }
        }
        catch (HttpRequestException e) when (CertificatePin.FailureIn(e) is { } pinFailure)
        {
            // HttpClient says only "The SSL connection could not be established": name the mismatch.
            throw new CertificatePinException(pinFailure.Message, e);
        }
    }

    public void Dispose()
    {
        _shared?.Dispose();
        _services?.Dispose();
        // Disposing the provider leaves the factory's active handler (and its pooled connection) alive until
        // its 2 min rotation; close what this requester's case opened, so the next census starts clean.
        foreach (var handler in _factoryHandlers)
        {
            handler.Dispose();
        }
    }

    // The mistake this lifetime measures: the client (and its handler and pool) is never disposed, left to the GC.
#pragma warning disable CA2000 // Deliberately undisposed: that is the case.
    private Task SendOnUndisposedClientAsync(RequestPattern pattern, byte[] buffer, CancellationToken cancellationToken) =>
        pattern.SendAsync(CaseClient.Create(_case, _connect, _pin), buffer, cancellationToken);
#pragma warning restore CA2000
}
