using System.Net;
using VMessPlugins.TestKit;
using VMessPlugins.Tests.Transport.Tests.Support;

namespace VMessPlugins.Tests.Transport.Tests.Interop;

/// <summary>Pumps a SHA-256-checked echo through a SOCKS5 proxy to 127.0.0.1:<c>echoPort</c>.</summary>
internal static class SocksEcho
{
    public const long EightMiB = 8L * 1024 * 1024;

    public static async Task AssertIntactAsync(ushort socksPort, ushort echoPort, long bytes, Func<string> describe, CancellationToken cancellationToken)
    {
        (string Sent, string Received, long Count) result;
        try
        {
            await using var stream = await Socks5Client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, socksPort), "127.0.0.1", echoPort, cancellationToken: cancellationToken);
            result = await ExactEcho.RunAsync(stream, bytes, seed: socksPort, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"echo through socks failed: {ex.Message}{describe()}");
        }

        Assert.True(result.Count == bytes, $"received {result.Count} of {bytes} bytes{describe()}");
        Assert.Equal(result.Sent, result.Received);
    }
}
