namespace VMessPlugins.Host.Management;

/// <summary>The answer to a management request: a value, or a status with a message for the operator.</summary>
internal sealed record ControlResult<T>(ControlStatus Status, T? Value, string? Error)
{
    public static ControlResult<T> Ok(T value) => new(ControlStatus.Ok, value, null);

    public static ControlResult<T> Fail(ControlStatus status, string error) => new(status, default, error);
}
