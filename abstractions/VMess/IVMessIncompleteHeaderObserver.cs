namespace VMessPlugins.Abstractions.VMess;

/// <summary>
/// Optional, on an <see cref="IVMessHeaderServer"/>: told when a connection ended before the header it was
/// reading was complete, so that a format which had already matched a user can treat the attempt as a
/// failed one (the legacy format burns that auth hash, as V2Ray does).
/// </summary>
public interface IVMessIncompleteHeaderObserver
{
    /// <summary>
    /// Called once, after the client's EOF, a failed read (a reset) or the handshake deadline, when this server's last answer for
    /// <paramref name="input"/> was <see cref="VMessHeaderStatus.NeedMoreData"/>.
    /// </summary>
    /// <param name="input">Everything received from the client.</param>
    void OnHeaderIncomplete(ReadOnlySpan<byte> input);
}
