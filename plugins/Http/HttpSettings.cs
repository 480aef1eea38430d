namespace VMessPlugins.Plugins.Http;

/// <summary>The validated <c>settings</c> of an http inbound.</summary>
internal sealed record HttpSettings
{
    /// <summary>User name to password; empty means no authentication.</summary>
    public IReadOnlyDictionary<string, string> Accounts { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether origin-form requests are forwarded to their Host header instead of refused.</summary>
    public bool AllowTransparent { get; init; }

    public uint UserLevel { get; init; }
}
