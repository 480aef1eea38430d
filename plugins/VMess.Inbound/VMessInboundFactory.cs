using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VMessPlugins.Abstractions.Policy;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.VMess.Inbound;

/// <summary>Creates "vmess" inbounds; suites and header formats come from whichever plugins are enabled.</summary>
internal sealed class VMessInboundFactory : IInboundFactory
{
    private readonly IVMessHeaderAuthenticator[] _authenticators;
    private readonly FrozenDictionary<byte, IVMessCipherSuite> _suitesByWire;
    private readonly IPolicyProvider? _policies;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;
    private readonly IInboundDirectory? _directory;

    public VMessInboundFactory(
        IEnumerable<IVMessCipherSuite> suites,
        IEnumerable<IVMessHeaderAuthenticator> authenticators,
        IPolicyProvider? policies = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        IInboundDirectory? directory = null)
    {
        _authenticators = authenticators.OrderBy(a => a.Priority).ToArray();
        // A wire alias (zero) is the same bytes as another suite: the server resolves the byte to the original.
        _suitesByWire = suites.Where(s => !s.IsWireAlias)
            .GroupBy(s => s.SecurityType)
            .ToFrozenDictionary(g => g.Key, g => g.First());
        _policies = policies;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _directory = directory;
    }

    public string Protocol => "vmess";

    public IInboundHandler? Create(InboundDefinition definition)
    {
        var legacy = _authenticators.Any(a => string.Equals(a.Name, "legacy", StringComparison.OrdinalIgnoreCase));
        var settings = VMessInboundSettingsReader.Read(definition.Settings, legacy);
        if (settings is null)
        {
            return null;
        }

        if (_authenticators.Length == 0)
        {
            definition.Settings.Error(null, "no VMess header authenticator is enabled (enable the plugin Auth.Aead)");
            return null;
        }

        var logger = _loggerFactory.CreateLogger<VMessInboundHandler>();
        var options = new VMessHeaderServerOptions
        {
            Logger = logger, TimeProvider = _timeProvider, InboundTag = definition.Tag, TaintFuse = settings.TaintFuse,
        };
        var servers = new IVMessHeaderServer[_authenticators.Length];
        for (var i = 0; i < servers.Length; i++)
        {
            servers[i] = _authenticators[i].CreateServer(options);
        }

        return new VMessInboundHandler(definition.Tag, servers, _suitesByWire, settings, _policies, _timeProvider, logger, _directory, legacy);
    }
}
