using System.Runtime.CompilerServices;
using System.Buffers;
using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.VMess.Protocol.Framing;

/// <summary>
/// The client's response reader: the server sends its header only with its first data (or when it closes),
/// so the header is read lazily on the first read, and the body reader starts on the bytes after it.
/// </summary>
public sealed class ClientResponseSource : VMessBodySource
{
    private const int InitialHeaderBuffer = 1024;

    private readonly Stream _inner;
    private readonly IVMessHeaderClient _headerClient;
    private readonly VMessRequest _request;
    private readonly IVMessCipherSuite _suite;
    private readonly BodyFraming _framing;
    private readonly ILogger _logger;
    private readonly Action<VMessResponse>? _onResponse;
    private VMessBodyReader? _reader;
    private byte[]? _header = ArrayPool<byte>.Shared.Rent(InitialHeaderBuffer);
    private int _headerFill;

    /// <summary>Creates the source for the response to <paramref name="request"/>.</summary>
    /// <param name="onResponse">Called once with the decoded response header (its command), before any body byte is read; must not throw.</param>
    public ClientResponseSource(
        Stream inner, IVMessHeaderClient headerClient, VMessRequest request, IVMessCipherSuite suite, BodyFraming framing, ILogger logger,
        Action<VMessResponse>? onResponse = null)
    {
        _onResponse = onResponse;
        _inner = inner;
        _headerClient = headerClient;
        _request = request;
        _suite = suite;
        _framing = framing;
        _logger = logger;
    }

    /// <summary>The decoded response header, once read.</summary>
    public VMessResponse Response { get; } = new();

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        while (_reader is null)
        {
            var needed = TryDecodeHeader();
            if (needed > 0)
            {
                var buffer = Reserve(needed);
                var read = await _inner.ReadAsync(buffer.AsMemory(_headerFill), cancellationToken).ConfigureAwait(false);
                OnHeaderBytes(read);
            }
        }

        return await _reader.ReadAsync(destination, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override int Read(Span<byte> destination)
    {
        while (_reader is null)
        {
            var needed = TryDecodeHeader();
            if (needed > 0)
            {
                var buffer = Reserve(needed);
                OnHeaderBytes(_inner.Read(buffer.AsSpan(_headerFill)));
            }
        }

        return _reader.Read(destination);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        _reader?.Dispose();
        var header = Interlocked.Exchange(ref _header, null);
        if (header is not null)
        {
            ArrayPool<byte>.Shared.Return(header);
        }
    }

    // Returns 0 once the body reader exists, else the bytes needed in all.
    private int TryDecodeHeader()
    {
        var header = _header ?? throw new ObjectDisposedException(nameof(ClientResponseSource));
        if (_headerFill == 0)
        {
            return 1;
        }

        var result = _headerClient.ReadResponse(header.AsSpan(0, _headerFill), _request, Response);
        switch (result.Status)
        {
            case VMessHeaderStatus.NeedMoreData:
                return Math.Max(result.BytesNeeded, _headerFill + 1);
            case VMessHeaderStatus.Accepted:
                var key = _request.ResponseBodyKey;
                var iv = _request.ResponseBodyIV;
                _reader = new VMessBodyReader(
                    _inner,
                    _framing,
                    _framing.Mode == BodyFramingMode.SealedChunks ? _suite.CreateOpener(key, iv) : null,
                    _request.ResponseStreamContinuation ?? _suite.CreateStreamTransform(key, iv, encrypt: false),
                    key,
                    iv,
                    header.AsSpan(result.BytesConsumed, _headerFill - result.BytesConsumed),
                    _logger,
                    "response",
                    _suite);
                ArrayPool<byte>.Shared.Return(header);
                _header = null;
                _onResponse?.Invoke(Response);
                return 0;
            default:
                throw new ProxyException($"invalid VMess response header: {result.Reason}");
        }
    }

    private byte[] Reserve(int needed)
    {
        var header = _header!;
        if (needed <= header.Length)
        {
            return header;
        }

        var larger = ArrayPool<byte>.Shared.Rent(needed);
        header.AsSpan(0, _headerFill).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(header);
        _header = larger;
        return larger;
    }

    private void OnHeaderBytes(int read)
    {
        if (read == 0)
        {
            throw new ProxyException(_headerFill == 0
                ? "the VMess server closed the connection without a response"
                : "the VMess server closed the connection inside the response header");
        }

        _headerFill += read;
    }
}
