using System.Globalization;
using System.Text.Json;
using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Tests.VMess.Plugins.Tests.Support;

/// <summary>One TCP body vector from the VMess vectors' body_*.json.</summary>
internal sealed record BodyVector(
    string Name,
    string Security,
    VMessRequestOptions Options,
    byte[] Key,
    byte[] Iv,
    int PayloadLength,
    bool EndOfStream,
    int WireLength,
    byte[]? WireHex,
    string WireSha256,
    byte[] WireFirst64,
    IReadOnlyList<BodyVectorChunk> Chunks)
{
    public static string Directory => VMessPlugins.TestKit.VectorFiles.Directory;

    public byte[] Payload => Pattern(PayloadLength);

    public static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i % 251);
        }

        return bytes;
    }

    public static IReadOnlyList<BodyVector> Load(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Directory, file)));
        var list = new List<BodyVector>();
        foreach (var v in document.RootElement.GetProperty("vectors").EnumerateArray())
        {
            var wire = v.GetProperty("wire");
            var chunks = new List<BodyVectorChunk>();
            if (v.TryGetProperty("chunks", out var chunkArray))
            {
                foreach (var c in chunkArray.EnumerateArray())
                {
                    chunks.Add(new BodyVectorChunk(
                        c.GetProperty("offset").GetInt32(),
                        c.TryGetProperty("data_len", out var d) ? d.GetInt32() : 0,
                        c.TryGetProperty("padding_len", out var p) ? p.GetInt32() : 0,
                        c.TryGetProperty("sealed_len", out var s) ? s.GetInt32() : 0,
                        c.TryGetProperty("end_of_stream", out var e) && e.GetBoolean()));
                }
            }

            list.Add(new BodyVector(
                v.GetProperty("name").GetString()!,
                v.GetProperty("security").GetString()!,
                (VMessRequestOptions)byte.Parse(v.GetProperty("options").GetString()![2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                Convert.FromHexString(v.GetProperty("key").GetString()!),
                Convert.FromHexString(v.GetProperty("iv").GetString()!),
                v.GetProperty("payload").GetProperty("len").GetInt32(),
                v.GetProperty("end_of_stream_written").GetBoolean(),
                wire.GetProperty("len").GetInt32(),
                wire.TryGetProperty("hex", out var hex) ? Convert.FromHexString(hex.GetString()!) : null,
                wire.GetProperty("sha256").GetString()!,
                wire.TryGetProperty("first64_hex", out var first) ? Convert.FromHexString(first.GetString()!)
                    : Convert.FromHexString(hex.GetString()!)[..Math.Min(64, wire.GetProperty("len").GetInt32())],
                chunks));
        }

        return list;
    }

    public override string ToString() => Name;
}
