using System.Net;
using System.Threading.Channels;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Transport;

namespace VMessPlugins.Tests.Host.Tests.Support;

/// <summary>
/// A listener that binds nothing: the test pushes connections in and sees Start and Dispose. Connections
/// held back stand for those the kernel has queued but nobody accepted: they come out only when the
/// listener stops accepting, as the TCP listener hands them over.
/// </summary>
internal sealed class FakeListener(ushort port, bool refuseStart = false) : ITransportListener
{
    private readonly Channel<IConnection> _incoming = Channel.CreateUnbounded<IConnection>();
    private readonly List<IConnection> _heldBack = [];

    public ushort Port { get; } = port;

    public bool Started { get; private set; }

    public bool Disposed { get; private set; }

    public bool StoppedAccepting { get; private set; }

    public EndPoint LocalEndPoint => new IPEndPoint(IPAddress.Loopback, Port);

    public void Start()
    {
        if (refuseStart)
        {
            throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.AddressAlreadyInUse);
        }

        Started = true;
    }

    public void Push(IConnection connection) => _incoming.Writer.TryWrite(connection);

    public void HoldBack(IConnection connection) => _heldBack.Add(connection);

    public ValueTask StopAcceptingAsync()
    {
        StoppedAccepting = true;
        foreach (var connection in _heldBack)
        {
            _incoming.Writer.TryWrite(connection);
        }

        _incoming.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    public async ValueTask<IConnection> AcceptAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _incoming.Reader.ReadAsync(cancellationToken);
        }
        catch (ChannelClosedException ex)
        {
            throw new OperationCanceledException("stopped", ex);
        }
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        _incoming.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
