using System.Buffers.Binary;
using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.VMess.Protocol.Mux;

/// <summary>
/// Span codec for Mux.Cool frames: <c>u16be meta_len || metadata || [u16be data_len || data]</c>, where
/// metadata is <c>u16be id || status || option || [network || u16be port || type || address]</c> (New only).
/// </summary>
internal static class MuxFrameCodec
{
    private const byte NetworkTcp = 0x01;
    private const byte NetworkUdp = 0x02;

    /// <summary>Bytes <see cref="WriteHeader"/> will write.</summary>
    public static int GetHeaderLength(MuxStatus status, Destination? target, bool hasData) =>
        2 + 4 + (status == MuxStatus.New ? 1 + MuxAddressCodec.GetLength(target!.Value.Address) : 0) + (hasData ? 2 : 0);

    /// <summary>
    /// Writes meta_len, the metadata and (when <paramref name="dataLength"/> is not null) the data length; the
    /// caller appends the data. Returns the bytes written.
    /// </summary>
    public static int WriteHeader(Span<byte> destination, ushort sessionId, MuxStatus status, MuxOption option, Destination? target, int? dataLength)
    {
        if (dataLength is { } length)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(length, ushort.MaxValue, nameof(dataLength));
            option |= MuxOption.Data;
        }
        else
        {
            option &= ~MuxOption.Data;
        }

        var metadata = destination[2..];
        BinaryPrimitives.WriteUInt16BigEndian(metadata, sessionId);
        metadata[2] = (byte)status;
        metadata[3] = (byte)option;
        var metadataLength = 4;
        if (status == MuxStatus.New)
        {
            var to = target ?? throw new ArgumentNullException(nameof(target), "A New frame names its destination.");
            metadata[4] = to.Network == Network.Udp ? NetworkUdp : NetworkTcp;
            metadataLength += 1 + MuxAddressCodec.Write(metadata[5..], to.Address, to.Port);
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)metadataLength);
        var written = 2 + metadataLength;
        if (dataLength is { } dataBytes)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[written..], (ushort)dataBytes);
            written += 2;
        }

        return written;
    }

    /// <summary>
    /// Parses one metadata block (meta_len already read and checked). Bytes the status does not need are
    /// ignored. Returns null with v2ray's reason when the block is malformed.
    /// </summary>
    public static MuxFrameMetadata? ParseMetadata(ReadOnlySpan<byte> metadata, out string? error)
    {
        error = null;
        if (metadata.Length < 4)
        {
            error = $"insufficient buffer: {metadata.Length}";
            return null;
        }

        var id = BinaryPrimitives.ReadUInt16BigEndian(metadata);
        var status = metadata[2];
        var option = (MuxOption)metadata[3];
        if (status != (byte)MuxStatus.New)
        {
            return new MuxFrameMetadata(id, status, option, null);
        }

        if (metadata.Length < 8)
        {
            error = $"insufficient buffer: {metadata.Length}";
            return null;
        }

        var network = metadata[4] switch
        {
            NetworkTcp => Network.Tcp,
            NetworkUdp => Network.Udp,
            _ => (Network?)null,
        };
        if (network is null)
        {
            error = $"unknown network type: {metadata[4]}";
            return null;
        }

        if (MuxAddressCodec.Read(metadata[5..], out error) is not { } target)
        {
            error = $"failed to parse address and port > {error}";
            return null;
        }

        return new MuxFrameMetadata(id, status, option, new Destination(target.Address, target.Port, network.Value));
    }
}
