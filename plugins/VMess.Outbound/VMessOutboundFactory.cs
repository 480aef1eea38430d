using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.VMess.Outbound;

/// <summary>Creates "vmess" outbounds from V2Ray's settings (vnext, users, testsEnabled).</summary>
internal sealed class VMessOutboundFactory : IOutboundFactory
{
    private readonly VMessOutboundSettingsReader _reader;
    private readonly ILoggerFactory _loggerFactory;

    public VMessOutboundFactory(
        IEnumerable<IVMessCipherSuite> suites,
        IEnumerable<IVMessHeaderAuthenticator> authenticators,
        ILoggerFactory? loggerFactory = null)
    {
        _reader = new VMessOutboundSettingsReader(suites, authenticators);
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    }

    public string Protocol => "vmess";

    public IOutboundHandler? Create(OutboundDefinition definition)
    {
        var servers = _reader.Read(definition.Settings);
        var muxConcurrency = MuxSettingsReader.Read(definition.Mux, out var muxValid);
        if (servers is null || !muxValid)
        {
            return null;
        }

        var handler = new VMessOutboundHandler(definition.Tag, servers, definition.Dialer, _loggerFactory.CreateLogger<VMessOutboundHandler>());
        if (muxConcurrency is { } concurrency)
        {
            handler.UseMux(concurrency, _loggerFactory.CreateLogger("VMessPlugins.Mux"));
        }

        return handler;
    }
}
