namespace VMessPlugins.TestKit;

/// <summary>What <see cref="DataPump"/> sent and read back.</summary>
/// <param name="SentBytes">Bytes written.</param>
/// <param name="ReceivedBytes">Bytes read until end of stream.</param>
/// <param name="SentSha256">SHA-256 of the bytes written.</param>
/// <param name="ReceivedSha256">SHA-256 of the bytes read.</param>
public sealed record PumpResult(long SentBytes, long ReceivedBytes, byte[] SentSha256, byte[] ReceivedSha256)
{
    /// <summary>True when everything came back unchanged.</summary>
    public bool IsIntact => SentBytes == ReceivedBytes && SentSha256.AsSpan().SequenceEqual(ReceivedSha256);

    /// <inheritdoc/>
    public override string ToString() =>
        $"sent {SentBytes} B sha256 {Convert.ToHexStringLower(SentSha256)}, received {ReceivedBytes} B sha256 {Convert.ToHexStringLower(ReceivedSha256)}";
}
