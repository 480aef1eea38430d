using System.Security.Cryptography;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Tests.VMess.Plugins.Tests.Support;

namespace VMessPlugins.Tests.VMess.Plugins.Tests.Framing;

public sealed class RoundTripTests
{
    public static TheoryData<string, byte> SuitesAndOptions()
    {
        var data = new TheoryData<string, byte>();
        foreach (var suite in new[] { "aes-128-gcm", "chacha20-poly1305" })
        {
            foreach (var options in new byte[] { 0x00, 0x01, 0x05, 0x0d, 0x11, 0x1d })
            {
                data.Add(suite, options);
            }
        }

        foreach (var options in new byte[] { 0x00, 0x01, 0x05, 0x0d })
        {
            data.Add("none", options);
        }

        data.Add("zero", 0x00);
        return data;
    }

    [Theory]
    [MemberData(nameof(SuitesAndOptions))]
    public async Task WriteThenRead_LargeChunks_ReturnsSameBytes(string suiteName, byte options)
    {
        var suite = Suites.ByName(suiteName);
        var key = RandomNumberGenerator.GetBytes(16);
        var iv = RandomNumberGenerator.GetBytes(16);
        var payload = RandomNumberGenerator.GetBytes(300_000);
        var wire = new MemoryStream();
        using (var writer = Framings.Writer(wire, suite, (VMessRequestOptions)options, key, iv))
        {
            await writer.WriteAsync(payload.AsMemory(0, 1), CancellationToken.None);
            await writer.WriteAsync(payload.AsMemory(1, 99_999), CancellationToken.None);
            await writer.WriteAsync(payload.AsMemory(100_000), CancellationToken.None);
            await writer.CompleteAsync(CancellationToken.None);
        }

        wire.Position = 0;
        using var reader = Framings.Reader(wire, suite, (VMessRequestOptions)options, key, iv);
        Assert.Equal(payload, await Framings.ReadAllAsync(reader, 5000));
    }

    [Fact]
    public async Task WriteThenRead_AuthenticatedLength_SizeFieldIsSealed()
    {
        var key = RandomNumberGenerator.GetBytes(16);
        var iv = RandomNumberGenerator.GetBytes(16);
        var wire = new MemoryStream();
        using (var writer = Framings.Writer(wire, TestAeadSuite.Gcm, (VMessRequestOptions)0x11, key, iv))
        {
            await writer.WriteAsync(new byte[100], CancellationToken.None);
            await writer.CompleteAsync(CancellationToken.None);
        }

        // 18-byte sealed size + 100 + 16, then the end chunk: 18 + 16.
        Assert.Equal(18 + 116 + 18 + 16, wire.Length);
        var bytes = wire.ToArray();
        bytes[1] ^= 1;
        using var reader = Framings.Reader(new MemoryStream(bytes), TestAeadSuite.Gcm, (VMessRequestOptions)0x11, key, iv);
        await Assert.ThrowsAsync<VMessPlugins.Abstractions.Proxy.ProxyException>(() => Framings.ReadAllAsync(reader));
    }

    [Fact]
    public void Create_GlobalPaddingWithoutMasking_Throws()
    {
        Assert.Throws<VMessPlugins.Abstractions.Proxy.ProxyException>(() =>
            VMessPlugins.VMess.Protocol.Framing.BodyFraming.Create(TestAeadSuite.Gcm, (VMessRequestOptions)0x09, VMessCommand.Tcp));
    }
}
