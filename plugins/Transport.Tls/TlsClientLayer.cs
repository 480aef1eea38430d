using System.Net.Security;
using System.Security.Authentication;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.Transport;

namespace VMessPlugins.Plugins.Transport.Tls;

/// <summary>
/// The client side. SNI is serverName, else the destination's domain; to an IP with no serverName no
/// SNI is sent and the certificate is checked against the IP.
/// </summary>
internal sealed class TlsClientLayer(TlsSettings settings) : IConnectionLayer
{
    private readonly PeerCertificateValidator _validator = new(settings);

    public ValueTask<IConnection> WrapServerAsync(IConnection inner, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("This TLS layer was configured for an outbound (client side).");

    public async ValueTask<IConnection> WrapClientAsync(IConnection inner, Destination destination, CancellationToken cancellationToken)
    {
        var targetHost = settings.ServerName ?? destination.Address.ToString();
        var ssl = new SslStream(inner.Stream, leaveInnerStreamOpen: true);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = targetHost,
            ApplicationProtocols = settings.Alpn,
            RemoteCertificateValidationCallback = _validator.Validate,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        };
        try
        {
            await ssl.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
            return new TlsConnection(ssl, inner);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new ProxyException($"TLS handshake with {targetHost} ({destination}) failed: {ex.Message}", ex);
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
