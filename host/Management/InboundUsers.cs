using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Host.Management;

/// <summary>The users a running inbound accepts now.</summary>
internal sealed record InboundUsers(string Tag, string Protocol, IReadOnlyList<UserInfo> Users);
