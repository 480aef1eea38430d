namespace VMessPlugins.Abstractions.VMess;

/// <summary>A VMess account: the UUID (16 bytes in textual order) and what the server knows of it.</summary>
public sealed class VMessUser
{
    /// <summary>Creates a user. <paramref name="id"/> is the UUID's 16 bytes in textual (big-endian) order.</summary>
    public VMessUser(ReadOnlySpan<byte> id, string? email, uint level, int alterId)
    {
        if (id.Length != 16)
        {
            throw new ArgumentException("A VMess id has 16 bytes.", nameof(id));
        }

        if (alterId is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(alterId), "alterId must be between 0 and 65535.");
        }

        Id = id.ToArray();
        Email = email;
        Level = level;
        AlterId = alterId;
    }

    /// <summary>The UUID bytes (textual order; not Guid.ToByteArray order). Do not modify.</summary>
    public byte[] Id { get; }

    /// <summary>The user's email (label in logs and stats), if any.</summary>
    public string? Email { get; }

    /// <summary>The policy level.</summary>
    public uint Level { get; }

    /// <summary>The number of alter IDs (legacy header only).</summary>
    public int AlterId { get; }

    /// <summary>The UUID in its usual text form.</summary>
    public string IdText => new Guid(Id, bigEndian: true).ToString();

    /// <summary>A label safe for logs: the email, or the first 8 hex digits of the id.</summary>
    public string LogLabel => !string.IsNullOrEmpty(Email) ? Email : Convert.ToHexStringLower(Id.AsSpan(0, 4)) + "…";
}
