namespace VMessPlugins.TestKit;

/// <summary>A SOCKS5 server answered with a failure reply (or a method/auth refusal).</summary>
public sealed class Socks5ReplyException : IOException
{
    /// <summary>Creates the exception for <paramref name="code"/>.</summary>
    public Socks5ReplyException(byte code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>The REP byte (or 0xFF for "no acceptable method", 0x01 for an auth failure).</summary>
    public byte Code { get; }
}
