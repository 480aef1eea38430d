using VMessPlugins.VMess.Protocol.Crypto;
using VMessPlugins.VMess.Protocol.Header;

namespace VMessPlugins.Tests.VMess.Protocol.Tests;

public sealed class CommandCodecTests
{
    [Fact]
    public void Encode_CommandsVectors_MatchGoWire()
    {
        foreach (var vector in Vectors.Load("commands.json").GetProperty("vectors").EnumerateArray())
        {
            var command = ToCommand(vector.GetProperty("command"));
            var bytes = SwitchAccountCodec.Encode(command);
            byte[] wire = [SwitchAccountCommand.CommandId, (byte)bytes.Length, .. bytes];
            Assert.Equal(vector.GetProperty("wire").GetString(), Convert.ToHexStringLower(wire));
        }
    }

    [Fact]
    public void TryDecode_CommandsVectors_GiveTheCommand()
    {
        foreach (var vector in Vectors.Load("commands.json").GetProperty("vectors").EnumerateArray())
        {
            var wire = vector.Hex("wire");
            Assert.True(SwitchAccountCodec.TryDecode(wire.AsSpan(2, wire[1]), out var decoded));
            var expected = ToCommand(vector.GetProperty("decoded_by_v2ray"));
            Assert.Equal(expected with { Id = decoded.Id }, decoded);
            Assert.Equal(expected.Id, decoded.Id);
        }
    }

    [Fact]
    public void TryDecode_FlippedBitOrTruncated_ReturnsFalse()
    {
        var bytes = SwitchAccountCodec.Encode(new SwitchAccountCommand("", 10086, new byte[16], 4, 1, 5));
        for (var bit = 0; bit < bytes.Length * 8; bit++)
        {
            var tampered = (byte[])bytes.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(SwitchAccountCodec.TryDecode(tampered, out _), $"bit {bit}");
        }

        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.False(SwitchAccountCodec.TryDecode(bytes.AsSpan(0, length), out _));
        }
    }

    internal static SwitchAccountCommand ToCommand(System.Text.Json.JsonElement json)
    {
        Assert.True(VMessId.TryParse(json.GetProperty("id").GetString(), out var id));
        return new SwitchAccountCommand(
            json.GetProperty("host").GetString() ?? "",
            json.GetProperty("port").GetUInt16(),
            id,
            json.GetProperty("alter_ids").GetUInt16(),
            json.GetProperty("level").GetByte(),
            json.GetProperty("valid_min").GetByte());
    }
}
