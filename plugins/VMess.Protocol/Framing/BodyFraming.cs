using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.VMess.Protocol.Framing;

/// <summary>
/// The framing both directions of one VMess connection use, derived from the suite, the option bits and
/// the command alone (no per-suite code): a secure suite always seals chunks; an insecure one frames only
/// with ChunkStream (plain chunks for streams, sealed-style chunks for UDP datagrams).
/// </summary>
public sealed record BodyFraming
{
    /// <summary>How chunks are laid out.</summary>
    public required BodyFramingMode Mode { get; init; }

    /// <summary>Size fields are XORed with the direction's SHAKE128 stream.</summary>
    public bool Masking { get; init; }

    /// <summary>Random padding (length from the SHAKE stream) follows each sealed chunk.</summary>
    public bool Padding { get; init; }

    /// <summary>The size field is itself sealed with AES-128-GCM (option 0x10).</summary>
    public bool AuthenticatedLength { get; init; }

    /// <summary>The end of a direction is marked by an end-of-stream chunk (option 0x01).</summary>
    public bool EndOfStreamChunk { get; init; }

    /// <summary>Each chunk is one datagram (UDP command).</summary>
    public bool PacketMode { get; init; }

    /// <summary>The suite's per-chunk overhead.</summary>
    public int Overhead { get; init; }

    /// <summary>Builds the framing; throws <see cref="ProxyException"/> for option combinations that cannot work.</summary>
    public static BodyFraming Create(IVMessCipherSuite suite, VMessRequestOptions options, VMessCommand command)
    {
        ArgumentNullException.ThrowIfNull(suite);
        var chunkStream = options.HasFlag(VMessRequestOptions.ChunkStream);
        var masking = options.HasFlag(VMessRequestOptions.ChunkMasking);
        var padding = options.HasFlag(VMessRequestOptions.GlobalPadding);
        var authenticatedLength = options.HasFlag(VMessRequestOptions.AuthenticatedLength);
        var packet = command == VMessCommand.Udp;

        if (padding && !masking)
        {
            // v2ray 4.34 crashes on this; we refuse it.
            throw new ProxyException("invalid request options: GlobalPadding (0x08) without ChunkMasking (0x04)");
        }

        BodyFramingMode mode;
        if (!suite.IsInsecure)
        {
            mode = BodyFramingMode.SealedChunks;
        }
        else if (!chunkStream)
        {
            mode = BodyFramingMode.Raw;
        }
        else
        {
            mode = suite.Overhead == 0 && !packet ? BodyFramingMode.PlainChunks : BodyFramingMode.SealedChunks;
        }

        if (authenticatedLength && mode != BodyFramingMode.SealedChunks)
        {
            throw new ProxyException($"invalid request options: AuthenticatedLength (0x10) needs sealed chunks, which security '{suite.Name}' does not use here");
        }

        return new BodyFraming
        {
            Mode = mode,
            // The sealed size field replaces the size mask; padding lengths still come from the SHAKE stream
            // (as later V2Ray does).
            Masking = masking && !authenticatedLength && mode != BodyFramingMode.Raw,
            Padding = padding && mode == BodyFramingMode.SealedChunks,
            AuthenticatedLength = authenticatedLength,
            EndOfStreamChunk = chunkStream && mode != BodyFramingMode.Raw,
            PacketMode = packet,
            Overhead = mode == BodyFramingMode.SealedChunks ? suite.Overhead : 0,
        };
    }
}
