using System.Runtime.CompilerServices;
using System.Buffers;
using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.VMess.Protocol.Framing;

/// <summary>
/// Reads one direction of a VMess body: buffers the inner stream in one pooled buffer, opens each chunk in
/// place and hands its data out before touching the next chunk. The buffer is held only while it has
/// unconsumed bytes; an idle reader waits with a zero-byte read on the inner stream and holds none. A chunk that fails its tag, has an
/// impossible size or is cut short throws <see cref="ProxyException"/>, and nothing of it is returned.
/// </summary>
public sealed partial class VMessBodyReader : VMessBodySource
{
    // One largest chunk (18 + 65535) plus room for large reads; a power of two, as the pool rounds up.
    private const int BufferBytes = 128 * 1024;

    // A bulk transfer's reads grow the buffer up to this (see Resize).
    private const int MaxBufferBytes = 1024 * 1024;

    private readonly Stream _inner;
    private readonly BodyFraming _framing;
    private readonly IVMessChunkOpener? _opener;
    private readonly IVMessStreamTransform? _transform;
    private readonly KeccakShake128? _mask;
    private readonly AuthenticatedLengthCodec? _lengthCodec;
    private readonly ILogger _logger;
    private readonly string _direction;
    private byte[]? _buffer;
    private int _capacity = BufferBytes;
    private int _start;
    private int _end;
    private int _transformedEnd;
    private int _plainStart;
    private int _plainEnd;
    private int _pendingSize = -1;
    private int _pendingPadding;
    private bool _ended;
    private bool _disposed;

    // A zero-byte read on the inner stream completed and no real read followed: data is (likely) waiting,
    // so the next fill rents at once instead of waiting again.
    private bool _innerReady;
    private string? _fault;
    private long _chunks;

    /// <summary>Creates a reader; <paramref name="initialBytes"/> are body bytes already read with the header.</summary>
    public VMessBodyReader(
        Stream inner,
        BodyFraming framing,
        IVMessChunkOpener? opener,
        IVMessStreamTransform? transform,
        ReadOnlySpan<byte> key,
        ReadOnlySpan<byte> iv,
        ReadOnlySpan<byte> initialBytes,
        ILogger logger,
        string direction,
        IVMessCipherSuite? suite = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(framing);
        if (framing.Mode == BodyFramingMode.SealedChunks && opener is null)
        {
            throw new ArgumentNullException(nameof(opener), "Sealed chunks need an opener.");
        }

        _inner = inner;
        _framing = framing;
        _opener = opener;
        _transform = transform;
        _logger = logger;
        _direction = direction;
        _mask = framing.Masking || framing.Padding ? new KeccakShake128(iv) : null;
        if (framing.AuthenticatedLength)
        {
            _lengthCodec = new AuthenticatedLengthCodec(
                suite ?? throw new ArgumentNullException(nameof(suite), "Authenticated length needs the suite."), key, iv, seal: false);
        }
        if (!initialBytes.IsEmpty)
        {
            _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(_capacity, initialBytes.Length + 1024));
            initialBytes.CopyTo(_buffer);
            _end = initialBytes.Length;
        }
    }

    /// <summary>Chunks opened so far.</summary>
    public long ChunkCount => _chunks;

    /// <summary>True while the reader holds its pooled buffer (tests check that a drained reader holds none).</summary>
    internal bool HoldsBuffer => Volatile.Read(ref _buffer) is not null;

    // Only used while bytes are buffered, or right after PrepareFill rented it.
    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(VMessBodyReader));

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (destination.IsEmpty)
        {
            await WaitForDataAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }

        while (true)
        {
            var copied = ReadBuffered(destination.Span);
            if (copied != 0)
            {
                ReleaseIfDrained();
                return copied;
            }

            ThrowIfFaulted();
            if (_ended)
            {
                ReleaseIfDrained();
                return 0;
            }

            if (_framing.Mode == BodyFramingMode.Raw)
            {
                var raw = await ReadRawAsync(destination, cancellationToken).ConfigureAwait(false);
                ReleaseIfDrained();
                return raw;
            }

            if (!await FillAsync(BytesForNextStep(), cancellationToken).ConfigureAwait(false))
            {
                OnEndOfInput();
            }
        }
    }

    /// <inheritdoc/>
    public override int Read(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (true)
        {
            var copied = ReadBuffered(destination);
            if (copied != 0 || destination.Length == 0)
            {
                ReleaseIfDrained();
                return copied;
            }

            ThrowIfFaulted();
            if (_ended)
            {
                ReleaseIfDrained();
                return 0;
            }

            if (_framing.Mode == BodyFramingMode.Raw)
            {
                var raw = ReadRaw(destination);
                ReleaseIfDrained();
                return raw;
            }

            if (!Fill(BytesForNextStep()))
            {
                OnEndOfInput();
            }
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _opener?.Dispose();
        _transform?.Dispose();
        _lengthCodec?.Dispose();
    }

    private int CopyOut(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, _plainEnd - _plainStart);
        Buffer.AsSpan(_plainStart, count).CopyTo(destination);
        _plainStart += count;
        return count;
    }

    private void ThrowIfFaulted()
    {
        if (_fault is not null)
        {
            ReleaseIfDrained();
            throw new ProxyException(_fault);
        }
    }

    // A zero-byte read: returns at once when decoded data (or the end, or a fault) is ready, else waits
    // for inner data with a zero-byte read of its own, so an idle caller and this reader hold no buffer.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WaitForDataAsync(CancellationToken cancellationToken)
    {
        if (HasDataOrEnd())
        {
            return;
        }

        await _inner.ReadAsync(Memory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        _innerReady = true;
    }

    private bool HasDataOrEnd()
    {
        ThrowIfFaulted();
        if (_ended || _plainStart < _plainEnd)
        {
            return true;
        }

        if (_buffer is null || _start == _end)
        {
            return false;
        }

        // Opens a whole buffered chunk into the chunk window; -1 means it is not all here yet.
        return _framing.Mode == BodyFramingMode.Raw || TryOpenBufferedChunk([]) >= 0;
    }

    // Gives the buffer back once everything in it was handed out (or will never be).
    private void ReleaseIfDrained()
    {
        if (_plainStart < _plainEnd || (_start < _end && !_ended && _fault is null))
        {
            return;
        }

        _start = _end = _transformedEnd = 0;
        _plainStart = _plainEnd = 0;
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private ProxyException Fail(string reason)
    {
        _fault = reason;
        _plainStart = _plainEnd = 0;
        // Every caller throws at once, so nothing touches the buffer after this.
        ReleaseIfDrained();
        return new ProxyException(reason);
    }

    // The inner stream ended: fine between chunks (v2ray ends that way without 0x01 or on timeouts).
    private void OnEndOfInput()
    {
        if (_pendingSize < 0 && _start == _end)
        {
            _ended = true;
            return;
        }

        throw Fail($"VMess {_direction} body truncated inside a chunk");
    }
}
