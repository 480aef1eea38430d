using VMessPlugins.Tests.VMess.Legacy.Tests.Support;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Conformance;

public sealed class AllocationTests
{
    [Fact]
    public void StreamTransform_ManyCallsOfOddSizes_AllocatesNothing()
    {
        using var encryptor = LegacyKit.Suite.CreateStreamTransform(new byte[16], new byte[16], encrypt: true)!;
        using var decryptor = LegacyKit.Suite.CreateStreamTransform(new byte[16], new byte[16], encrypt: false)!;
        var data = new byte[20000];
        encryptor.Transform(data.AsSpan(0, 33));
        decryptor.Transform(data.AsSpan(0, 33));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 200; i++)
        {
            var length = 1 + (i * 97 % data.Length);
            encryptor.Transform(data.AsSpan(0, length));
            decryptor.Transform(data.AsSpan(0, length));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.All(data, b => Assert.Equal(0, b));
    }
}
