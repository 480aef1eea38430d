namespace VMessPlugins.Abstractions.Proxy;

/// <summary>An authenticated user, as an inbound identified it.</summary>
/// <param name="Id">The user's id (a UUID for VMess, a name for SOCKS); never log it whole.</param>
/// <param name="Email">The user's email (V2Ray's user label), used in logs and statistics.</param>
/// <param name="Level">The policy level.</param>
public sealed record UserInfo(string Id, string? Email, uint Level)
{
    /// <summary>A label safe for logs: the email, or the first 8 characters of the id.</summary>
    public string LogLabel => !string.IsNullOrEmpty(Email) ? Email : Id.Length <= 8 ? Id : Id[..8] + "…";
}
