using System.Runtime.CompilerServices;
using System.Buffers;
using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.VMess.Protocol.Framing;

/// <summary>
/// Writes one direction of a VMess body: cuts data into chunks, seals them in place in a pooled buffer,
/// and sends several chunks per write. The buffer is rented per write and returned after its send, so an
/// idle writer holds none. An optional prefix (a request or response header) goes out with the first
/// data, or on its own through <see cref="FlushPrefixAsync"/> or <see cref="CompleteAsync"/>.
/// Not thread-safe apart from the prefix flush, which may race one writer.
/// </summary>
public sealed partial class VMessBodyWriter : IDisposable
{
    /// <summary>
    /// Default limit on data bytes per chunk: as large as the 16-bit size field allows (the writer clamps it),
    /// since each chunk costs a cipher call with fixed overhead and a nonce; v2ray reads chunks up to 65535.
    /// </summary>
    public const int DefaultChunkSize = ushort.MaxValue;

    private const int MaxPadding = 63;
    private const int BatchBytes = 128 * 1024;

    private readonly Stream _inner;
    private readonly BodyFraming _framing;
    private readonly IVMessChunkSealer? _sealer;
    private readonly IVMessStreamTransform? _transform;
    private readonly KeccakShake128? _mask;
    private readonly AuthenticatedLengthCodec? _lengthCodec;
    private readonly ILogger _logger;
    private readonly string _direction;
    private readonly int _maxChunkData;
    private readonly SemaphoreSlim _prefixGate = new(1, 1);
    private byte[] _prefix;
    private byte[]? _batch;
    private volatile bool _prefixPending;
    private bool _disposed;
    private bool _completed;
    private long _chunks;

    /// <summary>Creates a writer over <paramref name="inner"/> for one direction with the direction's key and IV.</summary>
    public VMessBodyWriter(
        Stream inner,
        BodyFraming framing,
        IVMessChunkSealer? sealer,
        IVMessStreamTransform? transform,
        ReadOnlySpan<byte> key,
        ReadOnlySpan<byte> iv,
        ReadOnlySpan<byte> prefix,
        ILogger logger,
        string direction,
        int maxChunkData = DefaultChunkSize,
        IVMessCipherSuite? suite = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(framing);
        if (framing.Mode == BodyFramingMode.SealedChunks && sealer is null)
        {
            throw new ArgumentNullException(nameof(sealer), "Sealed chunks need a sealer.");
        }

        _inner = inner;
        _framing = framing;
        _sealer = sealer;
        _transform = transform;
        _logger = logger;
        _direction = direction;
        var limit = ushort.MaxValue - framing.Overhead - MaxPadding;
        _maxChunkData = Math.Clamp(maxChunkData, 1, limit);
        _mask = framing.Masking || framing.Padding ? new KeccakShake128(iv) : null;
        if (framing.AuthenticatedLength)
        {
            _lengthCodec = new AuthenticatedLengthCodec(
                suite ?? throw new ArgumentNullException(nameof(suite), "Authenticated length needs the suite."), key, iv, seal: true);
        }
        _prefix = prefix.ToArray();
        _prefixPending = prefix.Length > 0;
    }

    /// <summary>Chunks sealed so far (the nonce counter is this modulo 65536).</summary>
    public long ChunkCount => _chunks;

    /// <summary>True while a write holds a pooled batch buffer (tests check that an idle writer holds none).</summary>
    internal bool HoldsBuffer => Volatile.Read(ref _batch) is not null;

    private int SizeFieldLength => _lengthCodec?.FieldLength ?? 2;

    /// <summary>Frames and sends <paramref name="data"/>.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            throw new InvalidOperationException("Writes were completed.");
        }

        if (data.Length == 0)
        {
            return;
        }

        var gated = _prefixPending;
        if (gated)
        {
            await _prefixGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        byte[]? buffer = null;
        try
        {
            if (_framing.Mode == BodyFramingMode.Raw && _transform is null && !_prefixPending)
            {
                await _inner.WriteAsync(data, cancellationToken).ConfigureAwait(false);
                return;
            }

            // 128 KiB holds a header and the chunks of a 64 KiB relay read, so such a read is one send.
            buffer = RentBatch(Math.Min(BatchBytes, FramedLength(data.Length)));
            var fill = TakePrefix(buffer);
            var remaining = data;
            while (remaining.Length > 0)
            {
                var take = _framing.Mode == BodyFramingMode.Raw
                    ? Math.Min(remaining.Length, buffer.Length - fill)
                    : EvenChunk(remaining.Length);
                if (take == 0 || fill + FrameLength(take) > buffer.Length)
                {
                    fill = await SendAsync(buffer, fill, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                fill += EncodeChunk(remaining.Span[..take], buffer.AsSpan(fill));
                remaining = remaining[take..];
            }

            await SendAsync(buffer, fill, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ReturnBatch(buffer);
            if (gated)
            {
                _prefixGate.Release();
            }
        }
    }

    /// <summary>Sends one datagram as exactly one chunk (UDP command).</summary>
    public async ValueTask WritePacketAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (datagram.Length == 0)
        {
            return;
        }

        if (datagram.Length > _maxChunkData)
        {
            // One datagram is one chunk: a larger one cannot be framed, so it is dropped, never split.
            FramingLog.OversizedDatagramDropped(_logger, datagram.Length, _maxChunkData);
            return;
        }

        var gated = _prefixPending;
        if (gated)
        {
            await _prefixGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        byte[]? buffer = null;
        try
        {
            buffer = RentBatch(FramedLength(datagram.Length));
            var fill = TakePrefix(buffer);
            fill += EncodeChunk(datagram.Span, buffer.AsSpan(fill));
            await SendAsync(buffer, fill, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ReturnBatch(buffer);
            if (gated)
            {
                _prefixGate.Release();
            }
        }
    }

    /// <summary>Sends a still-pending prefix on its own (a client with nothing to say yet).</summary>
    public async ValueTask FlushPrefixAsync(CancellationToken cancellationToken)
    {
        if (!_prefixPending)
        {
            return;
        }

        await _prefixGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_prefixPending && !_disposed)
            {
                await _inner.WriteAsync(_prefix, cancellationToken).ConfigureAwait(false);
                OnPrefixSent();
            }
        }
        finally
        {
            _prefixGate.Release();
        }
    }

    /// <summary>Writes the end-of-stream chunk when the options call for one, with any pending prefix.</summary>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            return;
        }

        _completed = true;
        await _prefixGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        byte[]? buffer = null;
        try
        {
            if (_framing.EndOfStreamChunk || _prefixPending)
            {
                buffer = RentBatch(FramedLength(0));
                var fill = TakePrefix(buffer);
                if (_framing.EndOfStreamChunk)
                {
                    fill += EncodeEndOfStream(buffer.AsSpan(fill));
                }

                await SendAsync(buffer, fill, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ReturnBatch(buffer);
            _prefixGate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // A write still running returns its own buffer when it ends (the owner ends the inner stream first).
        _disposed = true;
        _sealer?.Dispose();
        _transform?.Dispose();
        _lengthCodec?.Dispose();
    }

    // Data that needs n chunks is cut into n nearly equal ones (a 64 KiB read is two halves, not a full
    // chunk and a sliver that costs a whole cipher call).
    private int EvenChunk(int length)
    {
        var chunks = (length + _maxChunkData - 1) / _maxChunkData;
        return (length + chunks - 1) / chunks;
    }

    // Room one chunk of `dataLength` bytes needs in the batch (raw bodies are not framed).
    private int FrameLength(int dataLength) => _framing.Mode == BodyFramingMode.Raw ? dataLength : MaxFrameLength(dataLength);

    private int MaxFrameLength(int dataLength) =>
        (_lengthCodec?.FieldLength ?? 2) + dataLength + _framing.Overhead + MaxPadding;

    // Bytes a write of `dataLength` bytes puts on the wire at most (with a pending prefix): the size to rent.
    private int FramedLength(int dataLength)
    {
        var prefix = _prefixPending ? _prefix.Length : 0;
        if (_framing.Mode == BodyFramingMode.Raw)
        {
            return prefix + dataLength;
        }

        var chunks = Math.Max(1, (dataLength + _maxChunkData - 1) / _maxChunkData);
        // At least one largest frame after the prefix, so the first chunk of a long write always fits.
        return prefix + Math.Max(MaxFrameLength(EvenChunk(Math.Max(dataLength, 1))), dataLength + (chunks * MaxFrameLength(0)));
    }

    private byte[] RentBatch(int length)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        Volatile.Write(ref _batch, buffer);
        return buffer;
    }

    private void ReturnBatch(byte[]? buffer)
    {
        if (buffer is not null)
        {
            Volatile.Write(ref _batch, null);
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Puts a still-pending prefix at the start of a fresh batch; returns the bytes used.
    private int TakePrefix(byte[] buffer)
    {
        if (!_prefixPending)
        {
            return 0;
        }

        _prefix.CopyTo(buffer, 0);
        return _prefix.Length;
    }

    private void OnPrefixSent()
    {
        _prefixPending = false;
        _prefix = [];
    }

    // Sends the batch and returns the new fill (0).
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> SendAsync(byte[] buffer, int fill, CancellationToken cancellationToken)
    {
        if (fill == 0)
        {
            return 0;
        }

        await _inner.WriteAsync(buffer.AsMemory(0, fill), cancellationToken).ConfigureAwait(false);
        if (_prefixPending)
        {
            OnPrefixSent();
        }

        return 0;
    }
}
