namespace VMessPlugins.Abstractions.VMess;

/// <summary>The result of a header decode attempt.</summary>
/// <param name="Status">What happened.</param>
/// <param name="BytesNeeded">With NeedMoreData: the total input length needed before trying again.</param>
/// <param name="BytesConsumed">With Accepted: the header's length.</param>
/// <param name="Reason">With Rejected or NotMine: why, for the log (no secrets).</param>
/// <param name="User">With Rejected: the user the header belonged to, when known (for a useful log line).</param>
/// <param name="Authenticated">With Rejected: true when the failure came after the client proved its key
/// (then the server closes; before that it drains without answering).</param>
public readonly record struct VMessHeaderReadResult(
    VMessHeaderStatus Status,
    int BytesNeeded = 0,
    int BytesConsumed = 0,
    string? Reason = null,
    VMessUser? User = null,
    bool Authenticated = false)
{
    /// <summary>Need <paramref name="totalBytes"/> bytes of input in all.</summary>
    public static VMessHeaderReadResult NeedMore(int totalBytes) => new(VMessHeaderStatus.NeedMoreData, BytesNeeded: totalBytes);

    /// <summary>Not this format.</summary>
    public static VMessHeaderReadResult NotMine(string reason) => new(VMessHeaderStatus.NotMine, Reason: reason);

    /// <summary>Refused.</summary>
    public static VMessHeaderReadResult Reject(string reason, VMessUser? user = null, bool authenticated = false) =>
        new(VMessHeaderStatus.Rejected, Reason: reason, User: user, Authenticated: authenticated);

    /// <summary>Decoded, using <paramref name="consumed"/> bytes.</summary>
    public static VMessHeaderReadResult Accept(int consumed) => new(VMessHeaderStatus.Accepted, BytesConsumed: consumed);
}
