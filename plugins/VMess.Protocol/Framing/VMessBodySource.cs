namespace VMessPlugins.VMess.Protocol.Framing;

/// <summary>Where a <see cref="VMessBodyConnection"/> reads decoded body bytes from.</summary>
public abstract class VMessBodySource : IDisposable
{
    /// <summary>Reads decoded bytes; 0 means the peer ended its direction.</summary>
    public abstract ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken);

    /// <summary>Reads decoded bytes synchronously; 0 means the end.</summary>
    public abstract int Read(Span<byte> destination);

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases buffers and ciphers.</summary>
    protected abstract void Dispose(bool disposing);
}
