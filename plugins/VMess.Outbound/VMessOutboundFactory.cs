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
        return servers is null
            ? null
            : new VMessOutboundHandler(definition.Tag, servers, definition.Dialer, _loggerFactory.CreateLogger<VMessOutboundHandler>());
    }
}
