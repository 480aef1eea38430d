using Microsoft.Extensions.Logging.Abstractions;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Tests.VMess.Legacy.Tests.Support;
using VMessPlugins.VMess.Protocol.Framing;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Conformance;

/// <summary>body_udp.json legacy vectors: one FNV chunk per datagram, all inside one CFB stream.</summary>
public sealed class UdpBodyVectorTests
{
    [Theory]
    [InlineData("legacy (aes-128-cfb)/opt=0x01/udp/request/3-datagrams")]
    [InlineData("legacy (aes-128-cfb)/opt=0x01/udp/response/3-datagrams")]
    public async Task WriterAndReader_ThreeDatagrams_MatchV2RayWire(string name)
    {
        var vector = Vectors.Named("body_udp.json", name);
        var key = vector.Hex("key");
        var iv = vector.Hex("iv");
        var datagrams = vector.GetProperty("payload").EnumerateArray()
            .Select(p => p.TryGetProperty("hex", out var hex) ? hex.Hex() : Vectors.Pattern(p.GetProperty("len").GetInt32()))
            .ToArray();
        var framing = BodyFraming.Create(LegacyKit.Suite, VMessRequestOptions.ChunkStream, VMessCommand.Udp);
        var output = new MemoryStream();
        using (var writer = new VMessBodyWriter(output, framing, LegacyKit.Suite.CreateSealer(key, iv), LegacyKit.Suite.CreateStreamTransform(key, iv, true),
                   key, iv, [], NullLogger.Instance, "test", ushort.MaxValue))
        {
            foreach (var datagram in datagrams)
            {
                await writer.WritePacketAsync(datagram, CancellationToken.None);
            }

            await writer.CompleteAsync(CancellationToken.None);
        }

        var wire = vector.GetProperty("wire").Hex("hex");
        Assert.Equal(Convert.ToHexStringLower(wire), Convert.ToHexStringLower(output.ToArray()));

        using var reader = new VMessBodyReader(new MemoryStream(wire), framing, LegacyKit.Suite.CreateOpener(key, iv),
            LegacyKit.Suite.CreateStreamTransform(key, iv, false), key, iv, [], NullLogger.Instance, "test");
        var buffer = new byte[4096];
        foreach (var datagram in datagrams)
        {
            var read = await reader.ReadAsync(buffer, CancellationToken.None);
            Assert.Equal(datagram, buffer[..read]);
        }

        Assert.Equal(0, await reader.ReadAsync(buffer, CancellationToken.None));
    }
}
