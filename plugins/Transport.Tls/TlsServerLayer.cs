using System.Net.Security;
using System.Security.Authentication;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.Transport;

namespace VMessPlugins.Plugins.Transport.Tls;

/// <summary>The server side: serves the configured certificate chosen by SNI, with the configured ALPN list.</summary>
/// <remarks>A failed handshake throws <see cref="ProxyException"/>; the transport's listener logs it once.</remarks>
internal sealed class TlsServerLayer(TlsSettings settings) : IConnectionLayer
{
    public async ValueTask<IConnection> WrapServerAsync(IConnection inner, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(inner.Stream, leaveInnerStreamOpen: true);
        try
        {
            await ssl.AuthenticateAsServerAsync(SelectOptions, null, cancellationToken).ConfigureAwait(false);
            return new TlsConnection(ssl, inner);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new ProxyException($"TLS handshake failed: {ex.Message}", ex);
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask<IConnection> WrapClientAsync(IConnection inner, Destination destination, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("This TLS layer was configured for an inbound (server side).");

    private ValueTask<SslServerAuthenticationOptions> SelectOptions(
        SslStream stream, SslClientHelloInfo hello, object? state, CancellationToken cancellationToken)
    {
        var chosen = settings.ServedCertificates[0];
        if (hello.ServerName is { Length: > 0 } sni)
        {
            foreach (var candidate in settings.ServedCertificates)
            {
                if (candidate.Covers(sni))
                {
                    chosen = candidate;
                    break;
                }
            }
        }

        return ValueTask.FromResult(new SslServerAuthenticationOptions
        {
            ServerCertificateContext = chosen.Context,
            ApplicationProtocols = settings.Alpn,
            ClientCertificateRequired = false,
        });
    }
}
