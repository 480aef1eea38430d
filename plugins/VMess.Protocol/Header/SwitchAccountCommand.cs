namespace VMessPlugins.VMess.Protocol.Header;

/// <summary>The switch-account response command (PROTOCOL.md §9).</summary>
/// <param name="Host">The new server's address text (IPv6 in brackets), or empty for "the same server".</param>
/// <param name="Port">The new port.</param>
/// <param name="Id">The new account id (16 bytes, textual order).</param>
/// <param name="AlterIds">The new account's alter id count.</param>
/// <param name="Level">The low byte of the user level.</param>
/// <param name="ValidMinutes">How long the account stays valid.</param>
public sealed record SwitchAccountCommand(string Host, ushort Port, byte[] Id, ushort AlterIds, byte Level, byte ValidMinutes)
{
    /// <summary>The command id on the wire.</summary>
    public const byte CommandId = 0x01;
}
