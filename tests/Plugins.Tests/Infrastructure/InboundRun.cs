using System.Net;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.TestKit;

namespace VMessPlugins.Tests.Plugins.Tests.Infrastructure;

/// <summary>One inbound connection served over an in-memory pair: the test plays the client.</summary>
internal sealed class InboundRun : IAsyncDisposable
{
    private readonly DuplexPipeConnection _server;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(20));

    public InboundRun(IInboundHandler handler, FakeDispatcher dispatcher, IPEndPoint? clientEnd = null, IPEndPoint? serverEnd = null)
    {
        (Client, _server) = DuplexPipeConnection.CreatePair(clientEnd, serverEnd);
        Session = new SessionContext { InboundTag = "in", Source = Client.LocalEndPoint, Local = Client.RemoteEndPoint };
        Handling = Task.Run(async () =>
        {
            try
            {
                await handler.HandleAsync(_server, Session, dispatcher, _timeout.Token);
            }
            finally
            {
                await _server.DisposeAsync();
            }
        });
    }

    public DuplexPipeConnection Client { get; }

    public Stream Stream => Client.Stream;

    public SessionContext Session { get; }

    /// <summary>The handler's run; completes when it returns or throws.</summary>
    public Task Handling { get; }

    public CancellationToken Token => _timeout.Token;

    /// <summary>Everything the proxy sends until it closes its side.</summary>
    public async Task<byte[]> ReadToEndAsync()
    {
        var all = new MemoryStream();
        await Stream.CopyToAsync(all, Token);
        return all.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        try
        {
            await Handling.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is ProxyException or OperationCanceledException or IOException)
        {
        }

        _timeout.Dispose();
    }
}
