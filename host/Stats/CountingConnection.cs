using System.Net;
using VMessPlugins.Abstractions.Connections;

namespace VMessPlugins.Host.Stats;

/// <summary>
/// The client side of a relay, seen through a meter: what is read from the client is uplink, what is
/// written to it downlink. Disposing it leaves the client alone; its owner disposes it.
/// </summary>
internal sealed class CountingConnection(IConnection client, TrafficMeter meter) : IConnection
{
    public Stream Stream { get; } = new CountingStream(client.Stream, meter);

    public EndPoint? LocalEndPoint => client.LocalEndPoint;

    public EndPoint? RemoteEndPoint => client.RemoteEndPoint;

    public ValueTask CompleteWritesAsync(CancellationToken cancellationToken) => client.CompleteWritesAsync(cancellationToken);

    public void Abort() => client.Abort();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
