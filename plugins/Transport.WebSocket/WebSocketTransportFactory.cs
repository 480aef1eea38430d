using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Policy;
using VMessPlugins.Abstractions.Transport;

namespace VMessPlugins.Plugins.Transport.WebSocket;

internal sealed class WebSocketTransportFactory(ILoggerFactory loggerFactory, IPolicyProvider policies) : ITransportFactory
{
    public string Network => "ws";

    public IReadOnlyList<string> Aliases { get; } = ["websocket"];

    public ITransportListener? CreateListener(TransportEndpoint endpoint, StreamSettings settings)
    {
        var ws = WebSocketSettingsReader.Read(settings.Reader, isServer: true);
        return ws is null ? null : new WebSocketTransportListener(
            endpoint, ws, settings.SecurityLayer, policies.GetPolicy(0).Handshake, loggerFactory.CreateLogger<WebSocketTransportListener>());
    }

    public ITransportDialer? CreateDialer(StreamSettings settings)
    {
        var ws = WebSocketSettingsReader.Read(settings.Reader, isServer: false);
        return ws is null ? null : new WebSocketTransportDialer(ws, settings.SecurityLayer);
    }
}
