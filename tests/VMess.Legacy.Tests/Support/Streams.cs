namespace VMessPlugins.Tests.VMess.Legacy.Tests.Support;

internal static class Streams
{
    /// <summary>Reads <paramref name="stream"/> to its end (the peer's FIN).</summary>
    public static async Task<byte[]> ReadToEndAsync(Stream stream, CancellationToken cancellationToken)
    {
        var output = new MemoryStream();
        await stream.CopyToAsync(output, cancellationToken);
        return output.ToArray();
    }
}
