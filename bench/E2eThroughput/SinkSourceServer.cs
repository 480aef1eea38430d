using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace VMessPlugins.Bench.E2eThroughput;

/// <summary>
/// The far end of the chain on 127.0.0.1. A client sends 'U' or 'D' and a u64 byte count. Upload: the
/// server reads that many bytes and answers one byte. Download: the server sends that many bytes.
/// </summary>
internal sealed class SinkSourceServer : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public SinkSourceServer()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        Port = (ushort)((IPEndPoint)_listener.LocalEndPoint!).Port;
        _accepting = AcceptAsync();
    }

    public ushort Port { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        try
        {
            await _accepting;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptAsync(_stop.Token);
            _ = ServeAsync(socket);
        }
    }

    private static async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            try
            {
                socket.NoDelay = true;
                var head = new byte[9];
                await ReadExactlyAsync(socket, head);
                var count = (long)BinaryPrimitives.ReadUInt64BigEndian(head.AsSpan(1));
                var buffer = new byte[256 * 1024];
                if (head[0] == (byte)'U')
                {
                    for (long left = count; left > 0;)
                    {
                        var read = await socket.ReceiveAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)));
                        if (read == 0)
                        {
                            return;
                        }

                        left -= read;
                    }

                    await socket.SendAsync(new byte[] { 1 });
                }
                else
                {
                    Random.Shared.NextBytes(buffer);
                    for (long left = count; left > 0;)
                    {
                        var size = (int)Math.Min(buffer.Length, left);
                        await socket.SendAsync(buffer.AsMemory(0, size));
                        left -= size;
                    }
                }

                socket.Shutdown(SocketShutdown.Send);
                while (await socket.ReceiveAsync(buffer) > 0)
                {
                }
            }
            catch (SocketException)
            {
            }
        }
    }

    private static async Task ReadExactlyAsync(Socket socket, byte[] buffer)
    {
        for (var offset = 0; offset < buffer.Length;)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(offset));
            if (read == 0)
            {
                throw new SocketException((int)SocketError.ConnectionReset);
            }

            offset += read;
        }
    }
}
