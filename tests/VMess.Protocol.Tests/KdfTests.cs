using System.Text;
using System.Text.Json;
using VMessPlugins.VMess.Protocol.Crypto;

namespace VMessPlugins.Tests.VMess.Protocol.Tests;

public sealed class KdfTests
{
    public static TheoryData<int> VectorIndexes()
    {
        var data = new TheoryData<int>();
        var count = Vectors.Load("kdf.json").GetProperty("vectors").GetArrayLength();
        for (var i = 0; i < count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(VectorIndexes))]
    public void Kdf_Vector_MatchesGo(int index)
    {
        var vector = Vectors.Load("kdf.json").GetProperty("vectors")[index];
        var path = vector.GetProperty("path").EnumerateArray().Select(PathElement).ToArray();
        var key = vector.Hex("key");

        Assert.Equal(vector.GetProperty("kdf").GetString(), Convert.ToHexStringLower(VMessKdf.Kdf(key, path)));
        Assert.Equal(vector.GetProperty("kdf16").GetString(), Convert.ToHexStringLower(VMessKdf.Kdf16(key, path)));
    }

    [Fact]
    public void Labels_Vector_MatchAsciiStrings()
    {
        var labels = Vectors.Load("kdf.json").GetProperty("labels");
        string Label(string name) => labels.GetProperty(name).GetString()!;
        Assert.Equal(Label("KDFSaltConstVMessAEADKDF"), Encoding.ASCII.GetString(VMessKdf.RootKey));
        Assert.Equal(Label("KDFSaltConstAuthIDEncryptionKey"), Encoding.ASCII.GetString(VMessKdf.AuthIdEncryptionKey));
        Assert.Equal(Label("KDFSaltConstVMessHeaderPayloadLengthAEADKey"), Encoding.ASCII.GetString(VMessKdf.HeaderLengthKey));
        Assert.Equal(Label("KDFSaltConstVMessHeaderPayloadLengthAEADIV"), Encoding.ASCII.GetString(VMessKdf.HeaderLengthNonce));
        Assert.Equal(Label("KDFSaltConstVMessHeaderPayloadAEADKey"), Encoding.ASCII.GetString(VMessKdf.HeaderPayloadKey));
        Assert.Equal(Label("KDFSaltConstVMessHeaderPayloadAEADIV"), Encoding.ASCII.GetString(VMessKdf.HeaderPayloadNonce));
        Assert.Equal(Label("KDFSaltConstAEADRespHeaderLenKey"), Encoding.ASCII.GetString(VMessKdf.ResponseLengthKey));
        Assert.Equal(Label("KDFSaltConstAEADRespHeaderLenIV"), Encoding.ASCII.GetString(VMessKdf.ResponseLengthNonce));
        Assert.Equal(Label("KDFSaltConstAEADRespHeaderPayloadKey"), Encoding.ASCII.GetString(VMessKdf.ResponsePayloadKey));
        Assert.Equal(Label("KDFSaltConstAEADRespHeaderPayloadIV"), Encoding.ASCII.GetString(VMessKdf.ResponsePayloadNonce));
    }

    private static byte[] PathElement(JsonElement element) => element.Hex("hex");
}
