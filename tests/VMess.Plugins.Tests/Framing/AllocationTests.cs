using System.Security.Cryptography;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Tests.VMess.Plugins.Tests.Support;

namespace VMessPlugins.Tests.VMess.Plugins.Tests.Framing;

public sealed class AllocationTests
{
    [Theory]
    [InlineData(0x0d)]
    [InlineData(0x11)]
    public async Task WriteAndRead_SteadyState_AllocatesNothingPerChunk(byte options)
    {
        var key = RandomNumberGenerator.GetBytes(16);
        var iv = RandomNumberGenerator.GetBytes(16);
        var wire = new MemoryStream(new byte[64 * 1024 * 1024]);
        var data = new byte[32 * 1024];
        using var writer = Framings.Writer(wire, TestAeadSuite.Gcm, (VMessRequestOptions)options, key, iv);
        await writer.WriteAsync(data, CancellationToken.None);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            await writer.WriteAsync(data, CancellationToken.None);
        }

        var written = GC.GetAllocatedBytesForCurrentThread() - before;
        var length = wire.Position;
        wire.Position = 0;
        wire.SetLength(length);
        using var reader = Framings.Reader(wire, TestAeadSuite.Gcm, (VMessRequestOptions)options, key, iv);
        // Warm-up: the reader's buffer grows while reads fill it (to 1 MiB, rented once from the pool).
        for (var i = 0; i < 50; i++)
        {
            await reader.ReadAsync(data, CancellationToken.None);
        }

        before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            await reader.ReadAsync(data, CancellationToken.None);
        }

        var read = GC.GetAllocatedBytesForCurrentThread() - before;
        // Release builds allocate nothing here; Debug builds box each async call's state machine (~200 bytes),
        // so the bound allows that but not a buffer or a cipher per chunk (16 KiB+), nor the 1 KiB a
        // rebuilt constant table per mask draw once cost.
        Assert.True(written < 1000 * 256, $"writer allocated {written} bytes for 1000 writes of 2 chunks");
        Assert.True(read < 1000 * 256, $"reader allocated {read} bytes for 1000 reads");
    }
}
