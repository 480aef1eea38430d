namespace VMessPlugins.Abstractions.VMess;

/// <summary>A decoded VMess response header.</summary>
public sealed class VMessResponse
{
    /// <summary>The option byte (0 from V2Ray).</summary>
    public byte Options { get; set; }

    /// <summary>The command id (0 none, 1 switch account).</summary>
    public byte CommandId { get; set; }

    /// <summary>The command's bytes (including its 4-byte FNV), empty without a command.</summary>
    public byte[] Command { get; set; } = [];
}
