using System.Net;
using System.Security.Cryptography;
using VMessPlugins.TestKit;

namespace VMessPlugins.Tests.VMess.Mux.Tests.Interop;

/// <summary>
/// Sends datagrams through a SOCKS5 UDP association to an echo server in windows of a few at a time, matches
/// the echoes by content and counts what never came back.
/// </summary>
internal static class DatagramProbe
{
    private const int Window = 8;
    private static readonly TimeSpan WindowPatience = TimeSpan.FromSeconds(3);

    /// <returns>How many datagrams were lost, and a description of any echo that matched nothing sent.</returns>
    public static async Task<(int Lost, string? Mismatch)> RunAsync(ushort socksPort, ushort echoPort, int size, int count, CancellationToken cancellationToken)
    {
        await using var association = await Socks5UdpAssociation.OpenAsync(new IPEndPoint(IPAddress.Loopback, socksPort), cancellationToken: cancellationToken);
        var lost = 0;
        for (var sent = 0; sent < count; sent += Window)
        {
            var pending = new Dictionary<string, int>();
            for (var i = sent; i < Math.Min(count, sent + Window); i++)
            {
                var payload = RandomNumberGenerator.GetBytes(size);
                pending[Convert.ToHexString(payload)] = i;
                await association.SendAsync(payload, "127.0.0.1", echoPort, cancellationToken);
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(WindowPatience);
            try
            {
                while (pending.Count > 0)
                {
                    var (payload, host, port) = await association.ReceiveAsync(wait.Token);
                    if (!pending.Remove(Convert.ToHexString(payload)))
                    {
                        return (lost, $"an echo of {payload.Length} bytes from {host}:{port} matches nothing sent");
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lost += pending.Count;
            }
        }

        return (lost, null);
    }
}
