using System.Buffers;
using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Policy;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.VMess.Inbound;

/// <summary>
/// Serves one vmess inbound: reads the request header within the handshake deadline, trying each header
/// format in priority order; refuses unauthenticated input silently (drain until the deadline, then FIN)
/// and authenticated-but-invalid requests with a log line; then relays the body to the dispatcher.
/// </summary>
internal sealed partial class VMessInboundHandler : IInboundHandler
{
    private const int InitialBufferSize = 2048;

    // An AEAD header is at most 16 + 18 + 8 + 65535 + 16 bytes.
    private const int MaxHeaderBytes = 16 + 18 + 8 + 65535 + 16;

    private readonly string _tag;
    private readonly IVMessHeaderServer[] _servers;
    private readonly FrozenDictionary<byte, IVMessCipherSuite> _suites;
    private readonly IPolicyProvider? _policies;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly IInboundDirectory? _directory;
    private readonly bool _legacyAvailable;
    private volatile VMessInboundSettings _settings;

    /// <summary>Creates the handler and gives the header servers the configured clients.</summary>
    /// <param name="legacyAvailable">Whether one of <paramref name="servers"/> reads the legacy header.</param>
    public VMessInboundHandler(
        string tag,
        IVMessHeaderServer[] servers,
        FrozenDictionary<byte, IVMessCipherSuite> suites,
        VMessInboundSettings settings,
        IPolicyProvider? policies,
        TimeProvider timeProvider,
        ILogger logger,
        IInboundDirectory? directory = null,
        bool legacyAvailable = false)
    {
        _tag = tag;
        _servers = servers;
        _suites = suites;
        _settings = settings;
        _policies = policies;
        _timeProvider = timeProvider;
        _logger = logger;
        _directory = directory;
        _legacyAvailable = legacyAvailable;
        LoadClients(settings.Clients);
    }

    public async ValueTask HandleAsync(IConnection client, SessionContext session, IDispatcher dispatcher, CancellationToken cancellationToken)
    {
        var policy = _policies?.GetPolicy(session.Level) ?? ConnectionPolicy.Default;
        using var deadline = new CancellationTokenSource(policy.Handshake, _timeProvider);
        using var handshake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var buffer = new HandshakeBuffer(InitialBufferSize);
        try
        {
            var request = new VMessRequest();
            var outcome = await ReadHeaderAsync(client.Stream, buffer, request, handshake.Token, deadline.Token).ConfigureAwait(false);
            if (!outcome.Accepted)
            {
                await RefuseAsync(client, session, buffer, outcome, handshake.Token, cancellationToken).ConfigureAwait(false);
                return;
            }

            await ServeAsync(client, session, dispatcher, outcome, request, buffer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            buffer.Dispose();
        }
    }

    /// <summary>A pooled buffer for the header bytes (and, when refused, the drained bytes).</summary>
    private sealed class HandshakeBuffer : IDisposable
    {
        public HandshakeBuffer(int size) => Bytes = ArrayPool<byte>.Shared.Rent(size);

        public byte[] Bytes { get; private set; }

        public int Fill { get; set; }

        public void Grow(int size)
        {
            if (size <= Bytes.Length)
            {
                return;
            }

            var larger = ArrayPool<byte>.Shared.Rent(size);
            Bytes.AsSpan(0, Fill).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(Bytes, clearArray: true);
            Bytes = larger;
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(Bytes, clearArray: true);
    }
}
