using System.Threading.Channels;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.TestKit;

/// <summary>An in-memory UDP upstream that answers every datagram with itself, from its destination; records where each went.</summary>
public sealed class EchoPacketConnection : IPacketConnection
{
    private readonly Channel<(byte[] Data, Destination Source)> _echoes = Channel.CreateUnbounded<(byte[], Destination)>();

    public List<Destination> SentTo { get; } = [];

    public bool Disposed { get; private set; }

    public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, Destination destination, CancellationToken cancellationToken)
    {
        lock (SentTo)
        {
            SentTo.Add(destination);
        }

        _echoes.Writer.TryWrite((datagram.ToArray(), destination));
        return ValueTask.CompletedTask;
    }

    public async ValueTask<ReceivedPacket> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            var (data, source) = await _echoes.Reader.ReadAsync(cancellationToken);
            data.CopyTo(buffer);
            return new ReceivedPacket(data.Length, source);
        }
        catch (ChannelClosedException)
        {
            return ReceivedPacket.Completed;
        }
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        _echoes.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
