using System.Threading.Channels;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.Tests.Plugins.Tests.Infrastructure;

/// <summary>An in-memory UDP association that answers each datagram with itself, from its destination.</summary>
internal sealed class EchoPacketConnection : IPacketConnection
{
    private readonly Channel<(byte[] Data, Destination From)> _answers = Channel.CreateUnbounded<(byte[], Destination)>();

    public List<Destination> Sent { get; } = [];

    public bool Disposed { get; private set; }

    public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, Destination destination, CancellationToken cancellationToken)
    {
        lock (Sent)
        {
            Sent.Add(destination);
        }

        _answers.Writer.TryWrite((datagram.ToArray(), destination));
        return ValueTask.CompletedTask;
    }

    public async ValueTask<ReceivedPacket> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (!await _answers.Reader.WaitToReadAsync(cancellationToken))
        {
            return ReceivedPacket.Completed;
        }

        var (data, from) = await _answers.Reader.ReadAsync(cancellationToken);
        data.CopyTo(buffer);
        return new ReceivedPacket(data.Length, from);
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        _answers.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
