using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Plugins.Socks;

/// <summary>A malformed or unsupported request that still deserves a SOCKS5 failure reply.</summary>
internal sealed class SocksReplyException(byte replyCode, string message) : ProxyException(message)
{
    public byte ReplyCode { get; } = replyCode;
}
