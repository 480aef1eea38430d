using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Plugins;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Plugins.Auth.Aead;
using VMessPlugins.Plugins.Auth.Legacy;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Support;

/// <summary>Hand-made VMess connections to a server process: a header, then "hello" as a raw (security none) body.</summary>
internal static class RawLegacy
{
    /// <summary>A legacy header for the echo server, signed for <paramref name="timestamp"/> by alter ID <paramref name="alterIndex"/>.</summary>
    public static byte[] Header(VMessUser user, ushort echoPort, long timestamp, int alterIndex, byte security = 5)
    {
        var request = Request(user, echoPort);
        request.Security = security;
        var buffer = new byte[512];
        var length = LegacyHeaderClient.WriteRequest(request, buffer, new LegacyRequestRandomness(timestamp, alterIndex, [1, 2, 3]));
        return buffer[..length];
    }

    /// <summary>The same request with an AEAD header (our client, the system clock).</summary>
    public static byte[] AeadHeader(VMessUser user, ushort echoPort)
    {
        var services = new ServiceCollection();
        new AeadPlugin().ConfigureServices(services, new PluginContext("test", AppContext.BaseDirectory, new Dictionary<string, bool>()));
        var client = services.BuildServiceProvider().GetRequiredService<IVMessHeaderAuthenticator>().CreateClient();
        var request = Request(user, echoPort);
        var buffer = new byte[client.GetMaxRequestLength(request)];
        return buffer[..client.WriteRequest(request, buffer)];
    }

    public static VMessRequest Request(VMessUser user, ushort echoPort)
    {
        var request = Handshakes.NewRequest(user);
        request.Security = 5;
        request.Options = VMessRequestOptions.None;
        request.Destination = Destination.Tcp(Address.Parse("127.0.0.1"), echoPort);
        return request;
    }

    public static async Task<Socket> SendAsync(ushort port, byte[] header, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
        await socket.SendAsync(header.Concat("hello"u8.ToArray()).ToArray(), cancellationToken);
        return socket;
    }

    /// <summary>
    /// Sends <paramref name="bytes"/> and nothing more, ends the sending side, and reads until the server closes;
    /// returns how many bytes came back.
    /// </summary>
    public static async Task<int> SendThenCloseAsync(ushort port, byte[] bytes, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
        await socket.SendAsync(bytes, cancellationToken);
        socket.Shutdown(SocketShutdown.Send);
        var buffer = new byte[256];
        var total = 0;
        int read;
        while ((read = await socket.ReceiveAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
        }

        return total;
    }

    /// <summary>Sends a header and "hello"; true when the response header and the echo come back.</summary>
    public static async Task<bool> ExchangeAsync(ushort port, byte[] header, int responseHeaderLength, CancellationToken cancellationToken)
    {
        using var socket = await SendAsync(port, header, cancellationToken);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(TimeSpan.FromSeconds(10));
        var buffer = new byte[256];
        var total = 0;
        try
        {
            while (total < responseHeaderLength + 5)
            {
                var read = await socket.ReceiveAsync(buffer.AsMemory(total), wait.Token);
                if (read == 0)
                {
                    return false;
                }

                total += read;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        return buffer.AsSpan(responseHeaderLength, 5).SequenceEqual("hello"u8);
    }
}
