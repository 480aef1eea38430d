using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.Plugins.Blackhole;

/// <summary>Drops every datagram; receiving waits until the association is disposed or cancelled.</summary>
internal sealed class BlackholePacketConnection : IPacketConnection
{
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, Destination destination, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;

    public async ValueTask<ReceivedPacket> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        await _closed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return ReceivedPacket.Completed;
    }

    public ValueTask DisposeAsync()
    {
        _closed.TrySetResult();
        return ValueTask.CompletedTask;
    }
}
