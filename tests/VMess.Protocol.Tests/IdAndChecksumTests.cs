using VMessPlugins.VMess.Protocol.Crypto;

namespace VMessPlugins.Tests.VMess.Protocol.Tests;

public sealed class IdAndChecksumTests
{
    [Fact]
    public void CmdKey_IdsVectors_MatchGo()
    {
        var vectors = Vectors.Load("ids.json").GetProperty("cmd_key").GetProperty("vectors");
        Assert.True(vectors.GetArrayLength() >= 4);
        foreach (var vector in vectors.EnumerateArray())
        {
            Assert.True(VMessId.TryParse(vector.GetProperty("uuid").GetString(), out var id));
            Assert.Equal(vector.Hex("uuid_bytes"), id);
            Assert.Equal(vector.Hex("cmd_key"), VMessId.CmdKey(id));
            Assert.Equal(vector.GetProperty("uuid").GetString(), VMessId.Format(id));
        }
    }

    [Theory]
    [InlineData("b831381d-6324-4d53-ad4f-8cda48b30811")]
    [InlineData("B831381D-6324-4D53-AD4F-8CDA48B30811")]
    [InlineData("b831381d63244d53ad4f8cda48b30811")]
    public void TryParse_ValidForms_GiveTextualOrderBytes(string text)
    {
        Assert.True(VMessId.TryParse(text, out var id));
        Assert.Equal(Convert.FromHexString("b831381d63244d53ad4f8cda48b30811"), id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{b831381d-6324-4d53-ad4f-8cda48b30811}")]
    [InlineData("b831381d-6324-4d53-ad4f-8cda48b3081")]
    [InlineData("b831381d-6324-4d53-ad4f-8cda48b308111")]
    [InlineData("b831381d6-324-4d53-ad4f-8cda48b30811")]
    [InlineData("b831381d-6324-4d53-ad4f-8cda48b3081g")]
    [InlineData("b831381d-6324-4d53-ad4f+8cda48b30811")]
    [InlineData(" b831381d63244d53ad4f8cda48b3081")]
    [InlineData("my-secret-password")]
    public void TryParse_InvalidText_ReturnsFalse(string? text)
    {
        Assert.False(VMessId.TryParse(text, out var id));
        Assert.Empty(id);
    }

    [Fact]
    public void Hash_Fnv1aVectors_MatchGo()
    {
        foreach (var vector in Vectors.Load("primitives.json").GetProperty("fnv1a32").GetProperty("vectors").EnumerateArray())
        {
            Assert.Equal(vector.GetProperty("fnv1a32").GetString(), Fnv1a.Hash(vector.Hex("input")).ToString("x8"));
        }
    }

    [Fact]
    public void ResponseKeys_ResponseHeaderVectors_FollowTheHeaderFormat()
    {
        foreach (var vector in Vectors.Load("response_header.json").GetProperty("vectors").EnumerateArray())
        {
            var aead = vector.GetProperty("header_mode").GetString() == "AEAD";
            Func<byte[], byte[]> rule = aead ? v => VMessResponseKeys.ForAeadHeader(v) : v => VMessResponseKeys.ForLegacyHeader(v);
            Assert.Equal(vector.Hex("response_body_key"), rule(vector.Hex("request_body_key")));
            Assert.Equal(vector.Hex("response_body_iv"), rule(vector.Hex("request_body_iv")));
        }
    }
}
