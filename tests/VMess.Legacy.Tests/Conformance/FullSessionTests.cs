using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Plugins.Auth.Legacy;
using VMessPlugins.Tests.VMess.Legacy.Tests.Support;
using VMessPlugins.VMess.Protocol.Framing;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Conformance;

/// <summary>full_session.json "legacy-alter4-legacysecurity-0x01-tcp": both byte streams, both roles.</summary>
public sealed class FullSessionTests
{
    private const string Name = "legacy-alter4-legacysecurity-0x01-tcp";

    [Fact]
    public async Task ClientToServer_OurClient_ProducesV2RayStream()
    {
        var vector = Vectors.Named("full_session.json", Name);
        var header = vector.GetProperty("request_header");
        var expected = vector.GetProperty("client_to_server").GetProperty("wire").Hex("hex");
        var request = RequestVectors.Request(header, vector.GetProperty("inputs"));
        var output = new MemoryStream();
        var headerBytes = new byte[512];

        var headerLength = LegacyHeaderClient.WriteRequest(request, headerBytes, RequestVectors.Randomness(header));
        using (var writer = LegacyFramings.Writer(output, request.Options, request.BodyKey, request.BodyIV, prefix: headerBytes[..headerLength]))
        {
            await writer.WriteAsync(vector.GetProperty("request_payload").Hex("hex"), CancellationToken.None);
            await writer.CompleteAsync(CancellationToken.None);
        }

        Assert.Equal(vector.GetProperty("client_to_server").GetProperty("header_len").GetInt32(), headerLength);
        Assert.Equal(Convert.ToHexStringLower(expected), Convert.ToHexStringLower(output.ToArray()));
    }

    [Fact]
    public async Task ClientToServer_OurServer_DecodesV2RayStream()
    {
        var vector = Vectors.Named("full_session.json", Name);
        var wire = vector.GetProperty("client_to_server").GetProperty("wire").Hex("hex");
        using var server = LegacyKit.Server(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(LegacyKit.FixedTime)), true, LegacyKit.User());
        var request = new VMessRequest();

        var result = server.ReadRequest(wire, request);
        Assert.Equal(VMessHeaderStatus.Accepted, result.Status);
        using var reader = LegacyFramings.Reader(new MemoryStream(wire[result.BytesConsumed..]), request.Options, request.BodyKey, request.BodyIV);

        Assert.Equal(vector.GetProperty("request_payload").Hex("hex"), await LegacyFramings.ReadAllAsync(reader));
        Assert.Equal(Destination.Tcp(Address.FromDomain("www.example.com"), 80), request.Destination);
        Assert.Equal(vector.Hex("response_body_key"), request.ResponseBodyKey);
    }

    [Fact]
    public async Task ServerToClient_OurServer_ContinuesHeaderCfbIntoBody()
    {
        var vector = Vectors.Named("full_session.json", Name);
        var expected = vector.GetProperty("server_to_client").GetProperty("wire").Hex("hex");
        using var server = LegacyKit.Server(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(LegacyKit.FixedTime)));
        var request = ResponseRequest(vector);
        var header = new byte[4];

        server.WriteResponse(request, new VMessResponse(), header);
        Assert.NotNull(request.ResponseStreamContinuation);
        var output = new MemoryStream();
        using (var writer = LegacyFramings.Writer(output, request.Options, request.ResponseBodyKey, request.ResponseBodyIV, request.ResponseStreamContinuation, header))
        {
            await writer.WriteAsync(vector.GetProperty("response_payload").Hex("hex"), CancellationToken.None);
            await writer.CompleteAsync(CancellationToken.None);
        }

        Assert.Equal(Convert.ToHexStringLower(expected), Convert.ToHexStringLower(output.ToArray()));
    }

    [Fact]
    public async Task ServerToClient_ClientResponseSource_ReadsV2RayStream()
    {
        var vector = Vectors.Named("full_session.json", Name);
        var wire = vector.GetProperty("server_to_client").GetProperty("wire").Hex("hex");
        var request = ResponseRequest(vector);
        var framing = BodyFraming.Create(LegacyKit.Suite, request.Options, VMessCommand.Tcp);
        using var source = new ClientResponseSource(new MemoryStream(wire), new LegacyHeaderClient(TimeProvider.System), request, LegacyKit.Suite, framing, NullLogger.Instance);

        var payload = await LegacyFramings.ReadAllAsync(source, 5);

        Assert.Equal(vector.GetProperty("response_payload").Hex("hex"), payload);
        Assert.NotNull(request.ResponseStreamContinuation);
        Assert.Empty(source.Response.Command);
    }

    private static VMessRequest ResponseRequest(System.Text.Json.JsonElement vector) => new()
    {
        BodyKey = vector.Hex("request_body_key"),
        BodyIV = vector.Hex("request_body_iv"),
        ResponseBodyKey = vector.Hex("response_body_key"),
        ResponseBodyIV = vector.Hex("response_body_iv"),
        ResponseAuth = vector.Hex("response_auth")[0],
        Options = VMessRequestOptions.ChunkStream,
        Security = 1,
    };
}
