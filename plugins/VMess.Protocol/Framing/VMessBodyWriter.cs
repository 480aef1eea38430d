using System.Runtime.CompilerServices;
using System.Buffers;
using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.VMess.Protocol.Framing;

/// <summary>
/// Writes one direction of a VMess body: cuts data into chunks, seals them in place in one pooled buffer,
/// and sends several chunks per write. An optional prefix (a request or response header) goes out with
/// the first data, or on its own through <see cref="FlushPrefixAsync"/> or <see cref="CompleteAsync"/>.
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
    private byte[]? _buffer;
    private int _fill;
    private volatile bool _prefixPending;
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
        // 128 KiB holds a header and the four chunks of a 64 KiB relay read, so such a read is one send.
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(BatchBytes, prefix.Length + MaxFrameLength(_maxChunkData)));
        prefix.CopyTo(_buffer);
        _fill = prefix.Length;
        _prefixPending = prefix.Length > 0;
    }

    /// <summary>Chunks sealed so far (the nonce counter is this modulo 65536).</summary>
    public long ChunkCount => _chunks;

    private int SizeFieldLength => _lengthCodec?.FieldLength ?? 2;

    /// <summary>Frames and sends <paramref name="data"/>.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(VMessBodyWriter));
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

        try
        {
            if (_framing.Mode == BodyFramingMode.Raw && _transform is null && _fill == 0)
            {
                await _inner.WriteAsync(data, cancellationToken).ConfigureAwait(false);
                return;
            }

            var remaining = data;
            while (remaining.Length > 0)
            {
                var take = _framing.Mode == BodyFramingMode.Raw
                    ? Math.Min(remaining.Length, _buffer.Length - _fill)
                    : EvenChunk(remaining.Length);
                if (take == 0 || _fill + MaxFrameLength(take) > _buffer.Length)
                {
                    await FlushBufferAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                _fill += EncodeChunk(remaining.Span[..take], _buffer.AsSpan(_fill));
                remaining = remaining[take..];
            }

            await FlushBufferAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (gated)
            {
                _prefixGate.Release();
            }
        }
    }

    /// <summary>Sends one datagram as exactly one chunk (UDP command).</summary>
    public async ValueTask WritePacketAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken)
    {
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(VMessBodyWriter));
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

        try
        {
            _fill += EncodeChunk(datagram.Span, _buffer.AsSpan(_fill));
            await FlushBufferAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
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
            if (_prefixPending && _buffer is not null)
            {
                await FlushBufferAsync(cancellationToken).ConfigureAwait(false);
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
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(VMessBodyWriter));
        if (_completed)
        {
            return;
        }

        _completed = true;
        await _prefixGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_framing.EndOfStreamChunk)
            {
                _fill += EncodeEndOfStream(_buffer.AsSpan(_fill));
            }

            await FlushBufferAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _prefixGate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

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

    private int MaxFrameLength(int dataLength) =>
        (_lengthCodec?.FieldLength ?? 2) + dataLength + _framing.Overhead + MaxPadding;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask FlushBufferAsync(CancellationToken cancellationToken)
    {
        if (_fill == 0)
        {
            return;
        }

        await _inner.WriteAsync(_buffer.AsMemory(0, _fill), cancellationToken).ConfigureAwait(false);
        _fill = 0;
        _prefixPending = false;
    }
}
