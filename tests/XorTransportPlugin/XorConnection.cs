using System.Net;
using VMessPlugins.Abstractions.Connections;

namespace XorTransportPlugin;

/// <summary>
/// The XOR framing over a lower connection (TCP, or TLS over TCP). Half-close passes straight down:
/// XOR adds no end marker of its own.
/// </summary>
internal sealed class XorConnection(IConnection inner, byte key) : IConnection
{
    public Stream Stream { get; } = new XorStream(inner.Stream, key);

    public EndPoint? LocalEndPoint => inner.LocalEndPoint;

    public EndPoint? RemoteEndPoint => inner.RemoteEndPoint;

    public ValueTask CompleteWritesAsync(CancellationToken cancellationToken) => inner.CompleteWritesAsync(cancellationToken);

    public void Abort() => inner.Abort();

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
