namespace VMessPlugins.Plugins.Socks;

/// <summary>The SOCKS request commands we serve.</summary>
internal enum SocksCommand : byte
{
    Connect = 0x01,
    UdpAssociate = 0x03,
}
