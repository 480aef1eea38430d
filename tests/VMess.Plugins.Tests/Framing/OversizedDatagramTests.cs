using Microsoft.Extensions.Logging;
using Moq;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Tests.VMess.Plugins.Tests.Support;
using VMessPlugins.VMess.Protocol.Framing;

namespace VMessPlugins.Tests.VMess.Plugins.Tests.Framing;

public sealed class OversizedDatagramTests
{
    [Fact]
    public async Task WritePacketAsync_DatagramLargerThanAChunk_DropsItWithALogLine()
    {
        var logger = new Mock<ILogger>();
        logger.Setup(l => l.IsEnabled(It.IsAny<LogLevel>())).Returns(true);
        var suite = Suites.ByName("aes-128-gcm");
        var key = new byte[16];
        var iv = new byte[16];
        var wire = new MemoryStream();
        var framing = BodyFraming.Create(suite, (VMessRequestOptions)0x05, VMessCommand.Udp);
        using (var writer = new VMessBodyWriter(wire, framing, suite.CreateSealer(key, iv), null, key, iv, [],
            logger.Object, "response", maxChunkData: 1000, suite))
        {
            await writer.WritePacketAsync(new byte[1001], CancellationToken.None);
            await writer.WritePacketAsync(new byte[10], CancellationToken.None);
        }

        // Only the small datagram reached the wire: 2-byte size + 10 bytes + 16-byte tag.
        Assert.Equal(2 + 10 + 16, wire.Length);
        logger.Verify(
            l => l.Log(LogLevel.Information, It.IsAny<EventId>(), It.Is<It.IsAnyType>((v, _) => v.ToString()!.Contains("1001 bytes dropped")),
                null, It.IsAny<Func<It.IsAnyType, Exception?, string>>()),
            Times.Once);
    }
}
