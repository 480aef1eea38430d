using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Tests.VMess.Plugins.Tests.Support;

namespace VMessPlugins.Tests.VMess.Plugins.Tests.Plugins;

public sealed class AdversarialTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMilliseconds(600);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(42)]
    [InlineData(61)]
    [InlineData(300)]
    [InlineData(5000)]
    [InlineData(200_000)]
    public async Task Probe_RandomBytes_NothingWrittenUntilDeadlineThenNextClientServed(int length)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var harness = new VMessHarness(Deadline);
        var clock = Stopwatch.StartNew();
        var probe = harness.OpenRaw();
        await probe.Stream.WriteAsync(RandomNumberGenerator.GetBytes(length), timeout.Token);

        var answer = await Exchange.ReadToEndAsync(probe.Stream, timeout.Token);

        Assert.Empty(answer);
        Assert.True(clock.Elapsed >= Deadline - TimeSpan.FromMilliseconds(50), $"closed after {clock.Elapsed}");
        Assert.Empty(harness.Dispatcher.Destinations);
        await AssertHonestClientServedAsync(harness, timeout.Token);
    }

    [Fact]
    public async Task Probe_ClientClosesFirst_ServerClosesWithoutAnswer()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var harness = new VMessHarness(TimeSpan.FromSeconds(20));
        var probe = harness.OpenRaw();
        await probe.Stream.WriteAsync(RandomNumberGenerator.GetBytes(100), timeout.Token);
        await probe.CompleteWritesAsync(timeout.Token);

        Assert.Empty(await Exchange.ReadToEndAsync(probe.Stream, timeout.Token));
        Assert.False(timeout.IsCancellationRequested);
    }

    [Fact]
    public async Task Replay_SameHandshakeTwice_SecondGetsNothing()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var harness = new VMessHarness(Deadline);
        var capture = await CaptureHonestOpeningAsync(harness, "aes-128-gcm", "", timeout.Token);

        var first = harness.OpenRaw();
        await first.Stream.WriteAsync(capture, timeout.Token);
        await first.CompleteWritesAsync(timeout.Token);
        Assert.NotEmpty(await Exchange.ReadToEndAsync(first.Stream, timeout.Token));

        var replay = harness.OpenRaw();
        await replay.Stream.WriteAsync(capture, timeout.Token);
        Assert.Empty(await Exchange.ReadToEndAsync(replay.Stream, timeout.Token));
        Assert.Single(harness.Dispatcher.Destinations);
        await AssertHonestClientServedAsync(harness, timeout.Token);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(33)]
    [InlineData(34)]
    [InlineData(35)]
    [InlineData(41)]
    [InlineData(42)]
    [InlineData(43)]
    [InlineData(80)]
    [InlineData(106)]
    public async Task Handshake_TruncatedHeader_NothingWrittenAndNextClientServed(int cut)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var harness = new VMessHarness(Deadline);
        var capture = await CaptureHonestOpeningAsync(harness, "aes-128-gcm", "", timeout.Token);

        var truncated = harness.OpenRaw();
        await truncated.Stream.WriteAsync(capture.AsMemory(0, cut), timeout.Token);
        await truncated.CompleteWritesAsync(timeout.Token);

        Assert.Empty(await Exchange.ReadToEndAsync(truncated.Stream, timeout.Token));
        Assert.Empty(harness.Dispatcher.Destinations);
        await AssertHonestClientServedAsync(harness, timeout.Token);
    }

    [Fact]
    public async Task Body_TamperedChunk_NothingForwardedConnectionEndsNextClientServed()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var harness = new VMessHarness(Deadline);
        // The AEAD header to 10.1.2.3 is 107 + P bytes (P = 0..15 header padding), and the first chunk's
        // 18-byte sealed length follows: byte 142 lies inside the sealed "hello" whatever P is.
        var capture = await CaptureHonestOpeningAsync(harness, "chacha20-poly1305", "AuthenticatedLength", timeout.Token);
        capture[142] ^= 0x01;

        var tampered = harness.OpenRaw();
        await tampered.Stream.WriteAsync(capture, timeout.Token);
        byte[] answer;
        try
        {
            answer = await Exchange.ReadToEndAsync(tampered.Stream, timeout.Token);
        }
        catch (IOException)
        {
            answer = []; // the server aborted the connection: also an ending
        }

        var server = harness.ServerTasks[^1];
        var error = await Assert.ThrowsAsync<ProxyException>(() => server);
        Assert.Contains("authentication", error.Message);
        Assert.Equal(0, harness.Dispatcher.ForwardedBytes);
        Assert.True(answer.Length <= 64, "at most a bare response header");
        await AssertHonestClientServedAsync(harness, timeout.Token);
    }

    [Fact]
    public void OutboundSettings_BadIdAndLegacyAlterId_ReportPathsAndReasons()
    {
        using var services = VMessHarness.BuildServices(Deadline);
        var factory = services.GetServices<IOutboundFactory>().Single(f => f.Protocol == "vmess");
        var diagnostics = new ConfigDiagnostics();
        var json = """
            {"settings": {"vnext": [{"address": "127.0.0.1", "port": 1,
              "users": [{"id": "not-a-uuid"}, {"id": "b831381d-6324-4d53-ad4f-8cda48b30811", "alterId": 4}]}]}}
            """;

        var handler = factory.Create(VMessHarness.OutboundDefinitionFor(json, diagnostics, new CapturingDialer()));

        Assert.Null(handler);
        Assert.Contains(diagnostics.Items, d => d.JsonPath == "settings.vnext[0].users[0].id" && d.Message.Contains("UUID"));
        Assert.Contains(diagnostics.Items, d => d.Message.Contains("alterId 4 needs the legacy header authenticator (plugin Auth.Legacy)"));
    }

    [Fact]
    public async Task Handshake_ClientClockBehind_LogsUserAndSkewThenDrains()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var serverClock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddSeconds(153));
        await using var harness = new VMessHarness(Deadline, serverClock: serverClock);
        var capture = await CaptureHonestOpeningAsync(harness, "aes-128-gcm", "", timeout.Token);

        var skewed = harness.OpenRaw();
        await skewed.Stream.WriteAsync(capture, timeout.Token);
        var reading = Exchange.ReadToEndAsync(skewed.Stream, timeout.Token);
        while (!reading.IsCompleted)
        {
            // The handshake deadline runs on the server's (fake) clock.
            serverClock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(10, timeout.Token);
        }

        Assert.Empty(await reading);
        Assert.Empty(harness.Dispatcher.Destinations);
        Assert.Contains(harness.Logs.Lines, l => l.Contains("alice@test") && l.Contains("behind the server") && (l.Contains("153 s") || l.Contains("152 s") || l.Contains("154 s")));
    }

    private static async Task<byte[]> CaptureHonestOpeningAsync(VMessHarness harness, string security, string tests, CancellationToken cancellationToken)
    {
        var dialer = new CapturingDialer();
        var diagnostics = new ConfigDiagnostics();
        var json = $$$"""
            {"settings": {"vnext": [{"address": "127.0.0.1", "port": 1,
              "users": [{"id": "{{{VMessHarness.UserId}}}", "security": "{{{security}}}"}]}], "testsEnabled": "{{{tests}}}"}}
            """;
        var factory = harness.Services.GetServices<IOutboundFactory>().Single(f => f.Protocol == "vmess");
        var outbound = factory.Create(VMessHarness.OutboundDefinitionFor(json, diagnostics, dialer))!;
        var connection = await outbound.ConnectAsync(Destination.Tcp(Address.Parse("10.1.2.3"), 80), VMessHarness.ClientSession(), cancellationToken);
        await connection.Stream.WriteAsync("hello"u8.ToArray(), cancellationToken);
        var buffer = new byte[4096];
        var read = await dialer.ServerEnd!.Stream.ReadAsync(buffer, cancellationToken);
        await connection.DisposeAsync();
        return buffer[..read];
    }

    private static async Task AssertHonestClientServedAsync(VMessHarness harness, CancellationToken cancellationToken)
    {
        var before = harness.Dispatcher.Destinations.Count;
        var outbound = harness.CreateOutbound("aes-128-gcm");
        await using var connection = await outbound.ConnectAsync(Destination.Tcp(Address.Parse("127.0.0.1"), 9), VMessHarness.ClientSession(), cancellationToken);
        var (sent, received) = await Exchange.EchoAsync(connection, 10_000, cancellationToken);
        Assert.Equal(sent, received);
        Assert.Equal(before + 1, harness.Dispatcher.Destinations.Count);
    }
}
