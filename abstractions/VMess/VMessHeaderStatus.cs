namespace VMessPlugins.Abstractions.VMess;

/// <summary>The outcome of trying to decode a header from the bytes received so far.</summary>
public enum VMessHeaderStatus
{
    /// <summary>More bytes are needed; see <see cref="VMessHeaderReadResult.BytesNeeded"/>.</summary>
    NeedMoreData,

    /// <summary>The bytes are not this format's (no user matches): try the next format.</summary>
    NotMine,

    /// <summary>This format recognised the header but refused it (replay, time window, checksum, ...).</summary>
    Rejected,

    /// <summary>Decoded.</summary>
    Accepted,
}
