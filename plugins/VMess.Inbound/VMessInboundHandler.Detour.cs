using VMessPlugins.Abstractions.VMess;
using VMessPlugins.VMess.Protocol.Header;

namespace VMessPlugins.Plugins.VMess.Inbound;

// detour: {to: TAG}: every authenticated client (TCP, UDP and mux alike, as V2Ray's generateCommand) gets a
// switch-account command in its response header, naming one of the target inbound's current ports and the
// target's account for the client's email. The host name stays empty: the client keeps the address it dialed.
internal sealed partial class VMessInboundHandler
{
    private const int MaxValidMinutes = 255;

    // One warning per problem until a detour succeeds again (a missing target would otherwise log per connection).
    private int _detourMissingWarned;
    private int _detourNotVMessWarned;
    private int _detourLegacyWarned;

    private VMessResponse CreateResponse(VMessUser client)
    {
        var response = new VMessResponse();
        if (_settings.DetourTo is { } to && TryCreateSwitchAccount(to, client) is { } command)
        {
            response.CommandId = SwitchAccountCommand.CommandId;
            response.Command = SwitchAccountCodec.Encode(command);
        }

        return response;
    }

    private SwitchAccountCommand? TryCreateSwitchAccount(string to, VMessUser client)
    {
        if (_directory is null || !_directory.TryGetDetourTarget(to, out var target))
        {
            if (Interlocked.Exchange(ref _detourMissingWarned, 1) == 0)
            {
                InboundLog.DetourTargetMissing(_logger, _tag, to);
            }

            return null;
        }

        if (target.Handler is not VMessInboundHandler inbound)
        {
            if (Interlocked.Exchange(ref _detourNotVMessWarned, 1) == 0)
            {
                InboundLog.DetourTargetNotVMess(_logger, _tag, to);
            }

            return null;
        }

        var account = inbound.GetOrCreateDetourUser(client.Email);
        if (account.AlterId > 0 && !inbound._legacyAvailable && Interlocked.Exchange(ref _detourLegacyWarned, 1) == 0)
        {
            InboundLog.DetourNeedsLegacy(_logger, _tag, to, account.AlterId);
        }

        Volatile.Write(ref _detourMissingWarned, 0);
        Volatile.Write(ref _detourNotVMessWarned, 0);
        // Whole minutes rounded up, as V2Ray's refresh minus whole minutes elapsed; the host keeps a refreshed-away
        // port open one more period, so the last partial minute is still served.
        var minutes = (byte)Math.Clamp((long)Math.Ceiling(target.ValidFor.TotalMinutes), 0, MaxValidMinutes);
        InboundLog.Detoured(_logger, _tag, client.LogLabel, to, target.Port, minutes);
        return new SwitchAccountCommand("", target.Port, account.Id, (ushort)account.AlterId, (byte)account.Level, minutes);
    }
}
