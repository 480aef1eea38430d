using System.Runtime.CompilerServices;
using System.Buffers;
using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.VMess.Protocol.Framing;

/// <summary>
/// Reads one direction of a VMess body: buffers the inner stream in one pooled buffer, opens each chunk in
/// place and hands its data out before touching the next chunk. A chunk that fails its tag, has an
/// impossible size or is cut short throws <see cref="ProxyException"/>, and nothing of it is returned.
/// </summary>
public sealed partial class VMessBodyReader : VMessBodySource
{
    // One largest chunk (18 + 65535) plus room for large reads; a power of two, as the pool rounds up.
    private const int BufferBytes = 128 * 1024;

    private readonly Stream _inner;
    private readonly BodyFraming _framing;
    private readonly IVMessChunkOpener? _opener;
    private readonly IVMessStreamTransform? _transform;
    private readonly KeccakShake128? _mask;
    private readonly AuthenticatedLengthCodec? _lengthCodec;
    private readonly ILogger _logger;
    private readonly string _direction;
    private byte[]? _buffer;
    private int _start;
    private int _end;
    private int _transformedEnd;
    private int _plainStart;
    private int _plainEnd;
    private int _pendingSize = -1;
    private int _pendingPadding;
    private bool _ended;
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
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(BufferBytes, initialBytes.Length + 1024));
        initialBytes.CopyTo(_buffer);
        _end = initialBytes.Length;
    }

    /// <summary>Chunks opened so far.</summary>
    public long ChunkCount => _chunks;

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(VMessBodyReader));

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        while (true)
        {
            var copied = ReadBuffered(destination.Span);
            if (copied != 0 || destination.Length == 0)
            {
                return copied;
            }

            ThrowIfFaulted();
            if (_ended)
            {
                return 0;
            }

            if (_framing.Mode == BodyFramingMode.Raw)
            {
                return await ReadRawAsync(destination, cancellationToken).ConfigureAwait(false);
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
        while (true)
        {
            var copied = ReadBuffered(destination);
            if (copied != 0 || destination.Length == 0)
            {
                return copied;
            }

            ThrowIfFaulted();
            if (_ended)
            {
                return 0;
            }

            if (_framing.Mode == BodyFramingMode.Raw)
            {
                return ReadRaw(destination);
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
            throw new ProxyException(_fault);
        }
    }

    private ProxyException Fail(string reason)
    {
        _fault = reason;
        _plainStart = _plainEnd = 0;
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
