namespace VMessPlugins.Host.Management;

/// <summary>How a management request went (each maps to one HTTP status).</summary>
internal enum ControlStatus
{
    /// <summary>Done (200, 201 for an added user).</summary>
    Ok,

    /// <summary>The request is malformed, e.g. a bad UUID (400).</summary>
    Invalid,

    /// <summary>No inbound or user by that name (404).</summary>
    NotFound,

    /// <summary>The inbound cannot manage users, or the email is taken (409).</summary>
    Conflict,
}
