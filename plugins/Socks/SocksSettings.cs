using System.Net;

namespace VMessPlugins.Plugins.Socks;

/// <summary>The validated <c>settings</c> of a socks inbound.</summary>
internal sealed record SocksSettings
{
    /// <summary>True for <c>"auth": "password"</c>.</summary>
    public bool PasswordRequired { get; init; }

    /// <summary>User name to password (the last duplicate wins, as in V2Ray).</summary>
    public IReadOnlyDictionary<string, string> Accounts { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether UDP ASSOCIATE is allowed.</summary>
    public bool UdpEnabled { get; init; }

    /// <summary>The address announced in UDP ASSOCIATE replies (<c>ip</c>), or null for the bound one.</summary>
    public IPAddress? UdpReplyAddress { get; init; }

    public uint UserLevel { get; init; }
}
