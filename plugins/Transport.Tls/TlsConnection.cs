using System.Net;
using System.Net.Security;
using VMessPlugins.Abstractions.Connections;

namespace VMessPlugins.Plugins.Transport.Tls;

/// <summary>An authenticated TLS session over another connection. Half-close sends close_notify, then ends the inner writes.</summary>
internal sealed class TlsConnection(SslStream ssl, IConnection inner) : IConnection
{
    private int _writesCompleted;
    private int _disposed;

    public Stream Stream => ssl;

    public EndPoint? LocalEndPoint => inner.LocalEndPoint;

    public EndPoint? RemoteEndPoint => inner.RemoteEndPoint;

    /// <summary>The negotiated ALPN protocol (empty when none).</summary>
    public string NegotiatedProtocol => ssl.NegotiatedApplicationProtocol.ToString();

    public async ValueTask CompleteWritesAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _writesCompleted, 1) != 0)
        {
            return;
        }

        await ssl.FlushAsync(cancellationToken).ConfigureAwait(false);
        await ssl.ShutdownAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        await inner.CompleteWritesAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Abort() => inner.Abort();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            await inner.DisposeAsync().ConfigureAwait(false);
        }
    }
}
