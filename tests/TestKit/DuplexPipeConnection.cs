using System.IO.Pipelines;
using System.Net;
using VMessPlugins.Abstractions.Connections;

namespace VMessPlugins.TestKit;

/// <summary>
/// One end of an in-memory connection pair: what one end writes, the other reads.
/// <see cref="CompleteWritesAsync"/> makes the peer's reads return 0 (end of stream), like a TCP FIN.
/// </summary>
public sealed class DuplexPipeConnection : IConnection
{
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private int _writesCompleted;

    private DuplexPipeConnection(PipeReader input, PipeWriter output, EndPoint local, EndPoint remote)
    {
        _input = input;
        _output = output;
        LocalEndPoint = local;
        RemoteEndPoint = remote;
        Stream = new DuplexPipeStream(input.AsStream(leaveOpen: true), output.AsStream(leaveOpen: true));
    }

    /// <inheritdoc/>
    public Stream Stream { get; }

    /// <inheritdoc/>
    public EndPoint? LocalEndPoint { get; }

    /// <inheritdoc/>
    public EndPoint? RemoteEndPoint { get; }

    /// <summary>True once this end completed its writes (or was disposed/aborted).</summary>
    public bool WritesCompleted => Volatile.Read(ref _writesCompleted) != 0;

    /// <summary>
    /// Creates a connected pair; the endpoints are fake loopback addresses (client 127.0.0.1:50000, server 127.0.0.1:1080)
    /// unless given.
    /// </summary>
    public static (DuplexPipeConnection Client, DuplexPipeConnection Server) CreatePair(IPEndPoint? clientEnd = null, IPEndPoint? serverEnd = null)
    {
        var client = clientEnd ?? new IPEndPoint(IPAddress.Loopback, 50000);
        var server = serverEnd ?? new IPEndPoint(IPAddress.Loopback, 1080);
        var toServer = new Pipe();
        var toClient = new Pipe();
        return (new DuplexPipeConnection(toClient.Reader, toServer.Writer, client, server),
                new DuplexPipeConnection(toServer.Reader, toClient.Writer, server, client));
    }

    /// <inheritdoc/>
    public async ValueTask CompleteWritesAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _writesCompleted, 1) == 0)
        {
            await _output.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _writesCompleted, 1) == 0)
        {
            _output.Complete(new IOException("The connection was aborted."));
        }

        _input.CancelPendingRead();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await CompleteWritesAsync(CancellationToken.None).ConfigureAwait(false);
        _input.CancelPendingRead();
    }
}
