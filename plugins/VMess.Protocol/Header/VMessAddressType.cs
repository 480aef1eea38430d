namespace VMessPlugins.VMess.Protocol.Header;

/// <summary>VMess address type numbers (not SOCKS numbers).</summary>
internal static class VMessAddressType
{
    public const byte IPv4 = 0x01;
    public const byte Domain = 0x02;
    public const byte IPv6 = 0x03;
}
