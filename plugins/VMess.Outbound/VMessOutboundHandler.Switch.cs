using System.Security.Cryptography;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.VMess.Protocol.Header;

namespace VMessPlugins.Plugins.VMess.Outbound;

// Switch-account (PROTOCOL.md §9): a server's response may name another port (and account) to use for a while.
// Each configured server keeps its newest valid switch; new connections use it until it expires or cannot be
// dialed, then the configured server again (which answers with a fresh command if its detour is still on).
internal sealed partial class VMessOutboundHandler
{
    private readonly SwitchAccountFactory? _switchAccounts;
    private readonly TimeProvider _timeProvider;
    private readonly SwitchedServers _switched;
    private int _missingPluginWarned;

    /// <summary>The switched entry in use for the configured server at <paramref name="slot"/>, if any (tests).</summary>
    internal SwitchedServer? SwitchedFor(int slot) => _switched.TryGet(slot, _timeProvider.GetUtcNow(), out var entry) ? entry : null;

    private OutboundRoute PickRoute()
    {
        var slot = (int)((uint)Interlocked.Increment(ref _nextServer) % (uint)_servers.Count);
        return _switched.TryGet(slot, _timeProvider.GetUtcNow(), out var entry)
            ? new OutboundRoute(slot, entry.Endpoint, entry.Account, entry)
            : ConfiguredRoute(slot);
    }

    private OutboundRoute ConfiguredRoute(int slot)
    {
        var server = _servers[slot];
        var account = server.Accounts[server.Accounts.Count == 1 ? 0 : RandomNumberGenerator.GetInt32(server.Accounts.Count)];
        return new OutboundRoute(slot, server.Endpoint, account, null);
    }

    // A switched port may close before its minutes are up (a refresh of the server's dynamic ports): forget it and
    // go to the configured server for this connection instead of failing it.
    private async ValueTask<(IConnection Connection, OutboundRoute Route)> DialAsync(Destination destination, CancellationToken cancellationToken)
    {
        var route = PickRoute();
        LogConnecting(destination, route);
        try
        {
            return (await _dialer.DialAsync(route.Endpoint, cancellationToken).ConfigureAwait(false), route);
        }
        catch (Exception exception) when (route.Switched is not null && exception is not OperationCanceledException)
        {
            _switched.Forget(route.Slot, route.Switched);
            OutboundLog.SwitchedServerFailed(_logger, _tag, route.Endpoint.ToString(), exception.Message);
            route = ConfiguredRoute(route.Slot);
            LogConnecting(destination, route);
            return (await _dialer.DialAsync(route.Endpoint, cancellationToken).ConfigureAwait(false), route);
        }
    }

    private void LogConnecting(Destination destination, OutboundRoute route) =>
        OutboundLog.Connecting(_logger, _tag, destination.ToString(), route.Endpoint.ToString(), route.Account.User.LogLabel,
            route.Account.Suite.Name, route.Account.HeaderClient.GetType().Name);

    // Runs on the reading side once the response header is decoded; never throws into the body reader.
    private void OnResponse(OutboundRoute route, VMessResponse response)
    {
        if (response.CommandId == 0)
        {
            return;
        }

        if (response.CommandId != SwitchAccountCommand.CommandId || !SwitchAccountCodec.TryDecode(response.Command, out var command))
        {
            // V2Ray drops unknown commands and bad checksums silently.
            OutboundLog.CommandIgnored(_logger, _tag, route.Endpoint.ToString(), response.CommandId, response.Command.Length);
            return;
        }

        var address = command.Host.Length == 0 ? route.Endpoint.Address : Address.TryParse(command.Host, out var parsed) ? parsed : null;
        if (address is null || command.Port == 0 || command.ValidMinutes == 0 || _switchAccounts is null)
        {
            OutboundLog.CommandIgnored(_logger, _tag, route.Endpoint.ToString(), response.CommandId, response.Command.Length);
            return;
        }

        var account = _switchAccounts.TryCreate(command, out var missingPlugin);
        if (account is null)
        {
            if (Interlocked.Exchange(ref _missingPluginWarned, 1) == 0)
            {
                OutboundLog.SwitchNeedsPlugin(_logger, _tag, route.Endpoint.ToString(), command.AlterIds, missingPlugin ?? "?");
            }

            return;
        }

        var endpoint = Destination.Tcp(address, command.Port);
        var until = _timeProvider.GetUtcNow().AddMinutes(command.ValidMinutes);
        _switched.Set(route.Slot, new SwitchedServer(endpoint, account, until));
        OutboundLog.Switched(_logger, _tag, route.Endpoint.ToString(), endpoint.ToString(), account.User.LogLabel, command.AlterIds,
            account.HeaderClient.GetType().Name, command.ValidMinutes);
    }
}
