using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.VMess.Protocol.Mux;

/// <summary>
/// The decoded metadata of one frame. <see cref="Status"/> is the raw byte: an unknown status parses (as in
/// v2ray) and is refused by the engine. <see cref="Target"/> is set for New frames only.
/// </summary>
internal readonly record struct MuxFrameMetadata(ushort SessionId, byte Status, MuxOption Option, Destination? Target)
{
    public bool HasData => (Option & MuxOption.Data) != 0;

    public bool HasError => (Option & MuxOption.Error) != 0;
}
