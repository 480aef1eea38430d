using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Policy;
using VMessPlugins.Abstractions.Transport;

namespace VMessPlugins.Plugins.Transport.Tcp;

internal sealed class TcpTransportFactory(ILoggerFactory loggerFactory, IPolicyProvider policies) : ITransportFactory
{
    public string Network => "tcp";

    public ITransportListener? CreateListener(TransportEndpoint endpoint, StreamSettings settings)
    {
        CheckTcpSettings(settings);
        var handshake = policies.GetPolicy(0).Handshake;
        return new TcpTransportListener(endpoint, settings.SecurityLayer, handshake, loggerFactory.CreateLogger<TcpTransportListener>());
    }

    public ITransportDialer? CreateDialer(StreamSettings settings)
    {
        CheckTcpSettings(settings);
        return new TcpTransportDialer(settings.SecurityLayer);
    }

    // Only the plain form is implemented; the HTTP header disguise would change bytes on the wire.
    private static void CheckTcpSettings(StreamSettings settings)
    {
        var tcp = settings.Reader.Child("tcpSettings");
        tcp.WarnUnknownKeys("header");
        var header = tcp.Child("header");
        var type = header.GetString("type", "none");
        if (!string.Equals(type, "none", StringComparison.OrdinalIgnoreCase))
        {
            header.Error("type", $"\"{type}\" is not supported; only \"none\"");
        }
    }
}
