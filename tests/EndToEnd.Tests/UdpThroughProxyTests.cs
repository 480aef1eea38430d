using VMessPlugins.TestKit;

namespace VMessPlugins.Tests.EndToEnd.Tests;

public sealed class UdpThroughProxyTests(ProxyHostFixture fixture) : IClassFixture<ProxyHostFixture>
{
    [Fact]
    public async Task Socks5UdpAssociate_EchoDatagrams_AllComeBackIntact()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var association = await Socks5UdpAssociation.OpenAsync(fixture.Socks, cancellationToken: timeout.Token);
        var random = new Random(4);
        var lost = 0;
        var sent = 0;

        foreach (var size in new[] { 50, 512, 1400 })
        {
            for (var i = 0; i < 10; i++, sent++)
            {
                var payload = new byte[size];
                random.NextBytes(payload);
                await association.SendAsync(payload, "127.0.0.1", fixture.UdpEcho.Port, timeout.Token);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
                wait.CancelAfter(TimeSpan.FromSeconds(3));
                try
                {
                    var (answer, host, port) = await association.ReceiveAsync(wait.Token);
                    Assert.Equal(payload, answer);
                    Assert.Equal(("127.0.0.1", fixture.UdpEcho.Port), (host, port));
                }
                catch (OperationCanceledException) when (!timeout.IsCancellationRequested)
                {
                    lost++;
                }
            }
        }

        Assert.True(lost == 0, $"{lost} of {sent} datagrams lost{fixture.Host.Describe()}");
    }

    [Fact]
    public async Task Socks5UdpAssociate_DomainDestination_Resolved()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var association = await Socks5UdpAssociation.OpenAsync(fixture.Socks, cancellationToken: timeout.Token);

        await association.SendAsync(new byte[] { 1, 2, 3, 4 }, "localhost", fixture.UdpEcho.Port, timeout.Token);
        var (answer, _, port) = await association.ReceiveAsync(timeout.Token);

        Assert.Equal(new byte[] { 1, 2, 3, 4 }, answer);
        Assert.Equal(fixture.UdpEcho.Port, port);
    }
}
