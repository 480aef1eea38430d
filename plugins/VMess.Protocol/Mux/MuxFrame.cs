namespace VMessPlugins.VMess.Protocol.Mux;

/// <summary>One frame as read: its metadata and its data part (valid until the next read).</summary>
internal readonly record struct MuxFrame(MuxFrameMetadata Metadata, ReadOnlyMemory<byte> Data);
