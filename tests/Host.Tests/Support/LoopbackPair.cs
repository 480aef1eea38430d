using System.Net;
using System.Net.Sockets;
using VMessPlugins.Abstractions.Connections;

namespace VMessPlugins.Tests.Host.Tests.Support;

/// <summary>Two connected loopback TCP sockets: one end for the code under test, one for the test to drive.</summary>
internal sealed class LoopbackPair : IAsyncDisposable
{
    private LoopbackPair(Socket near, Socket far)
    {
        Near = Wrap(near);
        Far = Wrap(far);
    }

    /// <summary>The end given to the code under test.</summary>
    public IConnection Near { get; }

    /// <summary>The end the test reads and writes.</summary>
    public IConnection Far { get; }

    public static async Task<LoopbackPair> CreateAsync()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var accepting = listener.AcceptAsync();
        await client.ConnectAsync(listener.LocalEndPoint!);
        return new LoopbackPair(await accepting, client);
    }

    public async ValueTask DisposeAsync()
    {
        await Near.DisposeAsync();
        await Far.DisposeAsync();
    }

    private static TestSocketConnection Wrap(Socket socket) => new(socket);
}
