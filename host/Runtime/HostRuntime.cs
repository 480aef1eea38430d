using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Host.Configuration;
using VMessPlugins.Host.Management;
using VMessPlugins.Host.Stats;

namespace VMessPlugins.Host.Runtime;

/// <summary>
/// The running instance behind <c>run</c>: the server with its current config, live reload (SIGHUP or
/// the API) and the users API. Reloads and user changes are serialized.
/// </summary>
internal sealed partial class HostRuntime : IRuntimeControl, IAsyncDisposable
{
    private readonly PreparedHost _host;
    private readonly ProxyServer _server;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ConfigDocument _document;
    private bool _stopped;
    private readonly ManagementSettings? _management;

    public HostRuntime(PreparedHost host, ManagementSettings? management, TrafficStats stats, TimeProvider time)
    {
        _host = host;
        _management = management;
        _document = host.Document;
        _time = time;
        Stats = stats;
        _logger = host.LoggerFactory.CreateLogger<HostRuntime>();
        _server = new ProxyServer(host.Directory, time, host.LoggerFactory);
    }

    public TrafficStats Stats { get; }

    /// <summary>The server (for tests and the shutdown path).</summary>
    public ProxyServer Server => _server;

    /// <summary>Starts listening with the prepared plan; false when a port cannot be listened on.</summary>
    public bool Start(ConfigDiagnostics diagnostics) => _server.Start(NewGeneration(_host.Plan, _document), diagnostics);

    /// <summary>Stops the server after any reload or user change in progress; later ones are refused.</summary>
    public async Task StopAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _stopped = true;
            await _server.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private RuntimeGeneration NewGeneration(ProxyPlan plan, ConfigDocument document) =>
        new(plan, new Dispatcher(plan, document.Policies, _time, _host.LoggerFactory, Stats));
}
