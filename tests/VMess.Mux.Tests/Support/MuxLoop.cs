using Microsoft.Extensions.Logging.Abstractions;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.TestKit;
using VMessPlugins.VMess.Protocol.Mux;

namespace VMessPlugins.Tests.VMess.Mux.Tests.Support;

/// <summary>
/// Our mux client wired to our mux server in memory: each carrier the client opens is a
/// <see cref="DuplexPipeConnection"/> pair whose far end runs a <see cref="MuxServerSession"/>.
/// </summary>
internal sealed class MuxLoop : IAsyncDisposable
{
    private readonly List<Task> _servers = [];
    private readonly CancellationTokenSource _stop = new();

    public MuxLoop(int concurrency, EchoDispatcher? dispatcher = null, MuxSessionOptions? serverOptions = null, TimeSpan? idleCheck = null)
    {
        Dispatcher = dispatcher ?? new EchoDispatcher();
        ServerOptions = serverOptions ?? MuxSessionOptions.Default;
        Client = new MuxClient(OpenCarrierAsync, concurrency, MuxSessionOptions.Default, NullLogger.Instance, idleCheck);
    }

    public MuxClient Client { get; }

    public EchoDispatcher Dispatcher { get; }

    public MuxSessionOptions ServerOptions { get; }

    public int CarriersOpened
    {
        get
        {
            lock (_servers)
            {
                return _servers.Count;
            }
        }
    }

    public Task[] ServerRuns
    {
        get
        {
            lock (_servers)
            {
                return [.. _servers];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await _stop.CancelAsync();
        await Task.WhenAll(ServerRuns).ContinueWith(static _ => { }, TaskScheduler.Default).WaitAsync(StreamExtensions.Patience);
        _stop.Dispose();
    }

    private ValueTask<IConnection> OpenCarrierAsync(CancellationToken cancellationToken)
    {
        var (client, server) = DuplexPipeConnection.CreatePair();
        var session = new MuxServerSession(server, Dispatcher, new SessionContext { InboundTag = "mux" }, ServerOptions, NullLogger.Instance);
        lock (_servers)
        {
            _servers.Add(session.RunAsync(_stop.Token).AsTask());
        }

        return ValueTask.FromResult<IConnection>(client);
    }
}
