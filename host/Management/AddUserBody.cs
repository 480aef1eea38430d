namespace VMessPlugins.Host.Management;

/// <summary>The body of <c>POST /users</c>, or why it is not usable.</summary>
internal sealed record AddUserBody(string? Inbound, string? Email, string? Id, uint Level, string? Error)
{
    public static AddUserBody Invalid(string error) => new(null, null, null, 0, error);
}
