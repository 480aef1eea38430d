namespace VMessPlugins.Tests.VMess.Mux.Tests.Support;

internal static class StreamExtensions
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Reads exactly <paramref name="count"/> bytes, failing after <see cref="Patience"/>.</summary>
    public static async Task<byte[]> ReadBytesAsync(this Stream stream, int count, string what)
    {
        var buffer = new byte[count];
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await stream.ReadExactlyAsync(buffer, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"timed out waiting for {count} bytes: {what}");
        }

        return buffer;
    }

    /// <summary>Reads until the end of the stream, failing after <see cref="Patience"/>.</summary>
    public static async Task<byte[]> ReadToEndAsync(this Stream stream, string what)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var all = new MemoryStream();
        try
        {
            await stream.CopyToAsync(all, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"timed out waiting for the end of {what}; got {all.Length} bytes");
        }

        return all.ToArray();
    }
}
