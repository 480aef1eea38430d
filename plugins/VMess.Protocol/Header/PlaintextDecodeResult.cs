namespace VMessPlugins.VMess.Protocol.Header;

/// <summary>The result of a plaintext header decode.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Length">Decoded: the header's length. NeedMoreData: the total input length needed (a lower bound).</param>
/// <param name="Error">Invalid: why, safe for a log line.</param>
public readonly record struct PlaintextDecodeResult(PlaintextDecodeStatus Status, int Length, string? Error = null)
{
    /// <summary>True when decoded.</summary>
    public bool IsDecoded => Status == PlaintextDecodeStatus.Decoded;

    internal static PlaintextDecodeResult Decoded(int length) => new(PlaintextDecodeStatus.Decoded, length);

    internal static PlaintextDecodeResult NeedMore(int totalLength) => new(PlaintextDecodeStatus.NeedMoreData, totalLength);

    internal static PlaintextDecodeResult Invalid(string error) => new(PlaintextDecodeStatus.Invalid, 0, error);
}
