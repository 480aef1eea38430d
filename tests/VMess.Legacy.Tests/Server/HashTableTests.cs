using Microsoft.Extensions.Time.Testing;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Plugins.Auth.Legacy;
using VMessPlugins.Tests.VMess.Legacy.Tests.Support;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Server;

public sealed class HashTableTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(LegacyKit.FixedTime);

    [Fact]
    public void AddUser_AlterIdTwo_Holds241EntriesPerId()
    {
        using var server = LegacyKit.Server(new FakeTimeProvider(Start), true, LegacyKit.User(alterId: 2), LegacyKit.User(LegacyKit.OtherUserId, alterId: 0));

        Assert.Equal((3 + 1) * 241, server.TableSize);
    }

    [Theory]
    [InlineData(-120, true)]
    [InlineData(-121, false)]
    [InlineData(120, true)]
    [InlineData(121, false)]
    [InlineData(0, true)]
    public void ReadRequest_AuthAtOffset_FoundOnlyInsideTheWindow(int offset, bool found)
    {
        var user = LegacyKit.User(alterId: 4);
        using var server = LegacyKit.Server(new FakeTimeProvider(Start), true, user);

        var result = server.ReadRequest(Handshakes.Make(user, LegacyKit.FixedTime + offset, 3), new VMessRequest());

        Assert.Equal(found ? VMessHeaderStatus.Accepted : VMessHeaderStatus.NotMine, result.Status);
    }

    [Fact]
    public void Refresh_TenSecondsLater_ExtendsAheadAndDropsBehind()
    {
        var clock = new FakeTimeProvider(Start);
        var user = LegacyKit.User(alterId: 1);
        using var server = LegacyKit.Server(clock, true, user);
        var ahead = Handshakes.Make(user, LegacyKit.FixedTime + 125, 0);
        var behind = Handshakes.Make(user, LegacyKit.FixedTime - 115, 0);
        Assert.Equal(VMessHeaderStatus.NotMine, server.ReadRequest(ahead, new VMessRequest()).Status);

        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(VMessHeaderStatus.NotMine, server.ReadRequest(ahead, new VMessRequest()).Status);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(VMessHeaderStatus.Accepted, server.ReadRequest(ahead, new VMessRequest()).Status);
        Assert.Equal(VMessHeaderStatus.NotMine, server.ReadRequest(behind, new VMessRequest()).Status);
        Assert.Equal(2 * 241, server.TableSize);
    }

    [Fact]
    public void Refresh_ClockJumpsAnHour_TableMovesWholly()
    {
        var clock = new FakeTimeProvider(Start);
        var user = LegacyKit.User(alterId: 0);
        using var server = LegacyKit.Server(clock, true, user);

        clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(241, server.TableSize);
        Assert.Equal(VMessHeaderStatus.Accepted, server.ReadRequest(Handshakes.Make(user, LegacyKit.FixedTime + 3600, -1), new VMessRequest()).Status);
        Assert.Equal(VMessHeaderStatus.NotMine, server.ReadRequest(Handshakes.Make(user, LegacyKit.FixedTime, -1), new VMessRequest()).Status);
    }

    [Fact]
    public void RemoveUser_ThenAddAgain_OnlyThatUserComesAndGoes()
    {
        var alice = LegacyKit.User(alterId: 2);
        var bob = LegacyKit.User(LegacyKit.OtherUserId, alterId: 1);
        using var server = LegacyKit.Server(new FakeTimeProvider(Start), true, alice, bob);

        Assert.True(server.RemoveUser(alice.Id));
        Assert.False(server.RemoveUser(alice.Id));
        Assert.False(server.RemoveUser(new byte[3]));
        Assert.Equal(2 * 241, server.TableSize);
        Assert.Equal(VMessHeaderStatus.NotMine, server.ReadRequest(Handshakes.Make(alice, LegacyKit.FixedTime, 1), new VMessRequest()).Status);
        Assert.Equal(VMessHeaderStatus.Accepted, server.ReadRequest(Handshakes.Make(bob, LegacyKit.FixedTime, 0), new VMessRequest()).Status);

        server.AddUser(alice);
        server.AddUser(alice);

        Assert.Equal(VMessHeaderStatus.Accepted, server.ReadRequest(Handshakes.Make(alice, LegacyKit.FixedTime, 1), new VMessRequest()).Status);
        Assert.Equal(5 * 241, server.TableSize);
    }

    [Fact]
    public async Task ReadRequest_WhileUsersChangeAndTableRefreshes_NeverFails()
    {
        var clock = new FakeTimeProvider(Start);
        var alice = LegacyKit.User(alterId: 2);
        using var server = LegacyKit.Server(clock, true, alice);
        var headers = Enumerable.Range(0, 200).Select(i => Handshakes.Make(alice, LegacyKit.FixedTime + (i % 50), i % 2)).ToArray();

        var readers = Task.Run(() => headers.Count(h => server.ReadRequest(h, new VMessRequest()).Status == VMessHeaderStatus.Accepted));
        var churn = Task.Run(() =>
        {
            for (var i = 0; i < 20; i++)
            {
                var bob = LegacyKit.User(Guid.NewGuid().ToString(), alterId: 1);
                server.AddUser(bob);
                clock.Advance(TimeSpan.FromMilliseconds(500));
                server.RemoveUser(bob.Id);
            }
        });
        await Task.WhenAll(readers, churn);

        Assert.Equal(200, await readers);
        Assert.Equal(3 * 241, server.TableSize);
    }
}
