namespace VMessPlugins.Tests.Host.Tests.Support;

internal static class StreamHelpers
{
    /// <summary>Reads until the peer ends its writes.</summary>
    public static async Task<byte[]> ReadToEndAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
