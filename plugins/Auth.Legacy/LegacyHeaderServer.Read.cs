using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Plugins.Cipher.Aes128Cfb;
using VMessPlugins.VMess.Protocol.Crypto;
using VMessPlugins.VMess.Protocol.Header;

namespace VMessPlugins.Plugins.Auth.Legacy;

internal sealed partial class LegacyHeaderServer
{
    protected override VMessHeaderReadResult Read(ReadOnlySpan<byte> input, VMessRequest request)
    {
        if (input.Length < LegacyFormat.AuthSize)
        {
            return VMessHeaderReadResult.NeedMore(LegacyFormat.AuthSize);
        }

        if (table.Find(input[..LegacyFormat.AuthSize]) is not { } entry)
        {
            return VMessHeaderReadResult.NotMine("no user matches the legacy auth");
        }

        var user = entry.User.User;
        if (entry.IsTainted)
        {
            return VMessHeaderReadResult.Reject("invalid user: ErrTainted", user);
        }

        // Decrypt what has arrived (at most one header) afresh each time: the codec says how much it needs.
        Span<byte> plaintext = stackalloc byte[VMessRequestHeaderCodec.MaxLength];
        var available = Math.Min(input.Length - LegacyFormat.AuthSize, plaintext.Length);
        plaintext = plaintext[..available];
        input.Slice(LegacyFormat.AuthSize, available).CopyTo(plaintext);
        using (var cfb = new AesCfbStream(entry.User.CmdKey, LegacyIds.HeaderIv(entry.Timestamp), encrypt: false))
        {
            cfb.Transform(plaintext);
        }

        var decoded = VMessRequestHeaderCodec.Decode(plaintext, request);
        switch (decoded.Status)
        {
            case PlaintextDecodeStatus.NeedMoreData:
                return VMessHeaderReadResult.NeedMore(LegacyFormat.AuthSize + decoded.Length);
            case PlaintextDecodeStatus.Invalid:
                // Nothing but the FNV vouches for these bytes (a tampered replay looks like this): burn and drain.
                var reason = decoded.Error ?? "invalid request header";
                Burn(entry, reason);
                return VMessHeaderReadResult.Reject(reason, user);
        }

        if (!Sessions.TryAdd(user.Id, request.BodyKey, request.BodyIV))
        {
            Burn(entry, "duplicated session");
            return VMessHeaderReadResult.Reject("duplicated session (same body key and IV), possibly a replay", user);
        }

        request.User = user;
        request.ResponseBodyKey = VMessResponseKeys.ForLegacyHeader(request.BodyKey);
        request.ResponseBodyIV = VMessResponseKeys.ForLegacyHeader(request.BodyIV);
        request.ResponseStreamContinuation = null;
        request.HeaderFormat = LegacyFormat.Name;
        return VMessHeaderReadResult.Accept(LegacyFormat.AuthSize + decoded.Length);
    }
}
