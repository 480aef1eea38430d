using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using VMessPlugins.Abstractions.Plugins;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Plugins.Auth.Legacy;
using VMessPlugins.Plugins.Cipher.Aes128Gcm;
using VMessPlugins.Tests.VMess.Legacy.Tests.Support;
using VMessPlugins.VMess.Protocol.Framing;
using VMessPlugins.VMess.Protocol.Header;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Conformance;

/// <summary>full_session.json "legacy-alter0-aes128gcm-0x0d-tcp-switchaccount": legacy header, GCM body, a switch-account answer.</summary>
public sealed class SwitchAccountSessionTests
{
    private const string Name = "legacy-alter0-aes128gcm-0x0d-tcp-switchaccount";

    [Fact]
    public async Task ClientToServer_V2RayStream_HeaderMatchesOursAndServerReadsBody()
    {
        var vector = Vectors.Named("full_session.json", Name);
        var wire = vector.GetProperty("client_to_server").GetProperty("wire").Hex("hex");
        var header = vector.GetProperty("request_header");
        var ours = new byte[512];
        var oursLength = LegacyHeaderClient.WriteRequest(RequestVectors.Request(header, vector.GetProperty("inputs")), ours, RequestVectors.Randomness(header));
        using var server = LegacyKit.Server(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(LegacyKit.FixedTime)), true, LegacyKit.User(alterId: 0));
        var request = new VMessRequest();

        var result = server.ReadRequest(wire, request);
        var framing = BodyFraming.Create(Gcm, request.Options, request.Command);
        using var reader = new VMessBodyReader(new MemoryStream(wire[result.BytesConsumed..]), framing, Gcm.CreateOpener(request.BodyKey, request.BodyIV),
            null, request.BodyKey, request.BodyIV, [], NullLogger.Instance, "request");

        Assert.Equal(Convert.ToHexStringLower(wire[..oursLength]), Convert.ToHexStringLower(ours[..oursLength]));
        Assert.Equal(VMessHeaderStatus.Accepted, result.Status);
        Assert.Equal("hello"u8.ToArray(), await LegacyFramings.ReadAllAsync(reader));
    }

    [Fact]
    public async Task ServerToClient_V2RayStream_OurHeaderMatchesAndClientReadsCommandAndBody()
    {
        var vector = Vectors.Named("full_session.json", Name);
        var wire = vector.GetProperty("server_to_client").GetProperty("wire").Hex("hex");
        var expected = vector.GetProperty("client_decoded_response_command");
        var command = new SwitchAccountCommand("", expected.GetProperty("port").GetUInt16(), LegacyKit.Id(expected.GetProperty("id").GetString()!),
            expected.GetProperty("alter_ids").GetUInt16(), expected.GetProperty("level").GetByte(), expected.GetProperty("valid_min").GetByte());
        var response = new VMessResponse { CommandId = SwitchAccountCommand.CommandId, Command = SwitchAccountCodec.Encode(command) };
        using var server = LegacyKit.Server(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(LegacyKit.FixedTime)));
        var header = new byte[server.GetResponseLength(response)];

        server.WriteResponse(Request(vector), response, header);
        var clientRequest = Request(vector);
        var framing = BodyFraming.Create(Gcm, clientRequest.Options, VMessCommand.Tcp);
        using var source = new ClientResponseSource(new MemoryStream(wire), new LegacyHeaderClient(TimeProvider.System), clientRequest, Gcm, framing, NullLogger.Instance);
        var payload = await LegacyFramings.ReadAllAsync(source);

        Assert.Equal(vector.GetProperty("server_to_client").GetProperty("header_len").GetInt32(), header.Length);
        Assert.Equal(Convert.ToHexStringLower(wire[..header.Length]), Convert.ToHexStringLower(header));
        Assert.Equal("world"u8.ToArray(), payload);
        Assert.Null(clientRequest.ResponseStreamContinuation);
        Assert.True(SwitchAccountCodec.TryDecode(source.Response.Command, out var decoded));
        Assert.Equal(command with { Id = decoded.Id }, decoded);
        Assert.Equal(command.Id, decoded.Id);
    }

    private static IVMessCipherSuite Gcm { get; } = CreateGcm();

    private static VMessRequest Request(System.Text.Json.JsonElement vector) => new()
    {
        BodyKey = vector.Hex("request_body_key"),
        BodyIV = vector.Hex("request_body_iv"),
        ResponseBodyKey = vector.Hex("response_body_key"),
        ResponseBodyIV = vector.Hex("response_body_iv"),
        ResponseAuth = vector.Hex("response_auth")[0],
        Options = (VMessRequestOptions)0x0d,
        Security = 3,
    };

    private static IVMessCipherSuite CreateGcm()
    {
        var services = new ServiceCollection();
        new Aes128GcmPlugin().ConfigureServices(services, new PluginContext("test", AppContext.BaseDirectory, new Dictionary<string, bool>()));
        return services.BuildServiceProvider().GetRequiredService<IVMessCipherSuite>();
    }
}
