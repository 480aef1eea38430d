using VMessPlugins.Abstractions.Connections;
using VMessPlugins.TestKit;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Support;

/// <summary>The server ends of in-memory connections, each served on its own task; all stopped together on dispose.</summary>
internal sealed class ServerTasks : IAsyncDisposable
{
    private readonly List<Task> _tasks = [];
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Creates a connection pair and serves its server end (disposed afterwards) with <paramref name="serve"/>.</summary>
    public DuplexPipeConnection Open(Func<IConnection, CancellationToken, Task> serve)
    {
        var (client, server) = DuplexPipeConnection.CreatePair();
        Serve(server, serve);
        return client;
    }

    /// <summary>Serves <paramref name="server"/> (disposed afterwards) in the background.</summary>
    public void Serve(IConnection server, Func<IConnection, CancellationToken, Task> serve)
    {
        var task = Task.Run(async () =>
        {
            await using (server)
            {
                await serve(server, _stop.Token);
            }
        });
        lock (_tasks)
        {
            _tasks.Add(task);
        }
    }

    /// <summary>Cancels every server and waits (10 s at most) for them to end; their failures are the tests' to assert.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Task[] tasks;
        lock (_tasks)
        {
            tasks = [.. _tasks];
        }

        try
        {
            await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception)
        {
            // Server-side failures are asserted by the tests that expect them.
        }

        _stop.Dispose();
    }
}
