namespace VMessPlugins.Abstractions.Transport;

/// <summary>
/// A transport (<c>streamSettings.network</c>): how bytes reach the peer. It applies
/// <see cref="StreamSettings.SecurityLayer"/> to its raw connection, below its own framing
/// (so WebSocket runs inside TLS). Register as a singleton <see cref="ITransportFactory"/>.
/// </summary>
public interface ITransportFactory
{
    /// <summary>The network name in config (<c>"tcp"</c>, <c>"ws"</c>), matched case-insensitively.</summary>
    string Network { get; }

    /// <summary>Additional names accepted for <see cref="Network"/> (V2Ray accepts "websocket" for "ws").</summary>
    IReadOnlyList<string> Aliases => [];

    /// <summary>Creates a listener; reports config problems to the settings' diagnostics and returns null on error.</summary>
    ITransportListener? CreateListener(TransportEndpoint endpoint, StreamSettings settings);

    /// <summary>Creates a dialer; reports config problems and returns null on error.</summary>
    ITransportDialer? CreateDialer(StreamSettings settings);
}
