using VMessPlugins.Tests.VMess.Mux.Tests.Support;
using VMessPlugins.VMess.Protocol.Mux;

namespace VMessPlugins.Tests.VMess.Mux.Tests.Codec;

/// <summary>mux.json "reader_checks": what v2ray's FrameMetadata.Unmarshal and data readers accept and refuse.</summary>
public sealed class ReaderCheckTests
{
    public static TheoryData<string> Checks => MuxVectors.Names("reader_checks");

    [Theory]
    [MemberData(nameof(Checks))]
    public async Task ReadAsync_ReaderCheck_AcceptsOrRefusesLikeV2Ray(string name)
    {
        var check = MuxVectors.Named("reader_checks", name);
        var input = MuxVectors.ReaderInput(check.GetProperty("input_hex").GetString()!);
        var decoded = check.GetProperty("decoded_by_v2ray");
        using var reader = new MuxFrameReader(new MemoryStream(input));
        if (decoded.TryGetProperty("unmarshal_error", out var error))
        {
            var exception = await Assert.ThrowsAsync<MuxProtocolException>(async () => await reader.ReadAsync(CancellationToken.None));
            var v2rayReason = error.GetString()!;
            // Compare v2ray's innermost reason ("invalid metalen 513", "unknown address type: 4", ...).
            var reason = v2rayReason.Split(" > ")[^1].Replace("v2ray.com/core/common/mux: ", "", StringComparison.Ordinal)
                .Replace("v2ray.com/core/common/protocol: ", "", StringComparison.Ordinal);
            if (reason != "unexpected EOF")
            {
                Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
            }

            return;
        }

        var frame = await reader.ReadAsync(CancellationToken.None);
        Assert.NotNull(frame);
        if (decoded.TryGetProperty("data", out var data) && data.TryGetProperty("error", out _))
        {
            // The frame parses; its datagram is too long, which the engine turns into a fatal error.
            Assert.True(frame.Value.Data.Length > MuxLimits.MaxDatagram);
            Assert.Throws<MuxProtocolException>(() => MuxEndpoint.CheckDatagram(frame.Value.Metadata.Target!.Value, frame.Value.Data.Length));
            return;
        }

        FrameVectorTests.AssertDecoded(decoded, frame.Value);
        if (frame.Value.Metadata.Target is { } target)
        {
            MuxEndpoint.CheckDatagram(target, frame.Value.Data.Length);
        }

        Assert.Equal(0, decoded.GetProperty("unread_bytes_after_frame").GetInt32());
        Assert.Null(await reader.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_FrameSplitAcrossReads_ReassemblesIt()
    {
        var wire = Convert.FromHexString("0018000101010101bb020f7777772e6578616d706c652e636f6d000568656c6c6f");
        using var reader = new MuxFrameReader(new OneByteStream(wire));
        var frame = await reader.ReadAsync(CancellationToken.None);
        Assert.Equal("tcp:www.example.com:443", frame!.Value.Metadata.Target.ToString());
        Assert.Equal("hello", System.Text.Encoding.ASCII.GetString(frame.Value.Data.Span));
    }

    private sealed class OneByteStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
