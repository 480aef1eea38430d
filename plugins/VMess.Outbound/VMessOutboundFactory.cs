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
    private readonly TimeProvider _timeProvider;

    public VMessOutboundFactory(
        IEnumerable<IVMessCipherSuite> suites,
        IEnumerable<IVMessHeaderAuthenticator> authenticators,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null)
    {
        _reader = new VMessOutboundSettingsReader(suites, authenticators);
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public string Protocol => "vmess";

    public IOutboundHandler? Create(OutboundDefinition definition)
    {
        var settings = _reader.Read(definition.Settings);
        var muxConcurrency = MuxSettingsReader.Read(definition.Mux, out var muxValid);
        if (settings is null || !muxValid)
        {
            return null;
        }

        var handler = new VMessOutboundHandler(
            definition.Tag,
            settings.Servers,
            definition.Dialer,
            _loggerFactory.CreateLogger<VMessOutboundHandler>(),
            _reader.CreateSwitchAccountFactory(settings.HeaderChoice),
            _timeProvider);
        if (muxConcurrency is { } concurrency)
        {
            handler.UseMux(concurrency, _loggerFactory.CreateLogger("VMessPlugins.Mux"));
        }

        return handler;
    }
}
