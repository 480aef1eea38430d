using System.Net;
using VMessPlugins.Abstractions.Connections;

namespace VMessPlugins.Plugins.Blackhole;

/// <summary>A connection that yields a fixed answer (maybe empty), then end of stream, and discards writes.</summary>
internal sealed class BlackholeConnection(ReadOnlyMemory<byte> answer) : IConnection
{
    public Stream Stream { get; } = new BlackholeStream(answer);

    public EndPoint? LocalEndPoint => null;

    public EndPoint? RemoteEndPoint => null;

    public ValueTask CompleteWritesAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public void Abort() => Stream.Dispose();

    public ValueTask DisposeAsync() => Stream.DisposeAsync();
}
