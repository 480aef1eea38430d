using System.Net;

namespace VMessPlugins.Abstractions.Connections;

/// <summary>
/// A bidirectional byte stream with half-close. <see cref="Stream"/> carries the data; since a
/// <see cref="System.IO.Stream"/> cannot end one direction only, the connection does it
/// (TCP FIN, TLS close_notify, the VMess end-of-stream chunk, ...).
/// </summary>
public interface IConnection : IAsyncDisposable
{
    /// <summary>The data stream. A read of 0 bytes means the peer finished sending.</summary>
    Stream Stream { get; }

    /// <summary>The local end, where known.</summary>
    EndPoint? LocalEndPoint { get; }

    /// <summary>The remote end, where known.</summary>
    EndPoint? RemoteEndPoint { get; }

    /// <summary>Flushes and signals that no more data will be written; reading stays possible.</summary>
    ValueTask CompleteWritesAsync(CancellationToken cancellationToken);

    /// <summary>Ends the connection at once (RST where the transport has one); pending operations fail.</summary>
    void Abort();
}
