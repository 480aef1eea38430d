using System.Buffers.Binary;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.VMess.Protocol.Crypto;
using VMessPlugins.VMess.Protocol.Header;

namespace VMessPlugins.Plugins.Auth.Aead;

internal sealed partial class AeadHeaderServer
{
    protected override VMessHeaderReadResult Read(ReadOnlySpan<byte> input, VMessRequest request)
    {
        if (input.Length < AeadFormat.AuthIdSize)
        {
            return VMessHeaderReadResult.NeedMore(AeadFormat.AuthIdSize);
        }

        var authIdBytes = input[..AeadFormat.AuthIdSize];
        if (FindUser(authIdBytes, out var unixTime) is not { } entry)
        {
            return VMessHeaderReadResult.NotMine("no user matches the AuthID");
        }

        var user = entry.User;
        if (CheckClock(unixTime) is { } clockError)
        {
            return VMessHeaderReadResult.Reject(clockError, user);
        }

        if (replayFilter.Contains(authIdBytes))
        {
            return VMessHeaderReadResult.Reject("replayed request", user);
        }

        if (input.Length < AeadFormat.PrefixSize)
        {
            return VMessHeaderReadResult.NeedMore(AeadFormat.PrefixSize);
        }

        var authId = authIdBytes.ToArray();
        var nonce = input.Slice(AeadFormat.AuthIdSize + AeadFormat.SealedLengthSize, AeadFormat.NonceSize).ToArray();
        var keys = new RequestHeaderKeys(entry.CmdKey, authId, nonce);
        Span<byte> lengthBytes = stackalloc byte[2];
        if (!Gcm.TryOpen(keys.LengthKey, keys.LengthNonce, input.Slice(AeadFormat.AuthIdSize, AeadFormat.SealedLengthSize), authId, lengthBytes))
        {
            return VMessHeaderReadResult.Reject("request header length does not authenticate", user);
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(lengthBytes);
        var total = AeadFormat.PrefixSize + length + AeadFormat.TagSize;
        if (input.Length < total)
        {
            return VMessHeaderReadResult.NeedMore(total);
        }

        var plaintext = new byte[length];
        if (!Gcm.TryOpen(keys.PayloadKey, keys.PayloadNonce, input[AeadFormat.PrefixSize..total], authId, plaintext))
        {
            return VMessHeaderReadResult.Reject("request header does not authenticate", user);
        }

        if (!replayFilter.TryAdd(authId))
        {
            return VMessHeaderReadResult.Reject("replayed request", user);
        }

        return Complete(plaintext, request, entry, total);
    }

    private VMessHeaderReadResult Complete(byte[] plaintext, VMessRequest request, AeadUserEntry entry, int total)
    {
        var user = entry.User;
        var decoded = VMessRequestHeaderCodec.Decode(plaintext, request);
        var error = decoded.Status switch
        {
            PlaintextDecodeStatus.Decoded when decoded.Length != plaintext.Length => "request header has trailing bytes",
            PlaintextDecodeStatus.Decoded => null,
            PlaintextDecodeStatus.NeedMoreData => "request header is truncated",
            _ => decoded.Error ?? "invalid request header",
        };
        if (error is not null)
        {
            return VMessHeaderReadResult.Reject(error, user, authenticated: true);
        }

        if (!Sessions.TryAdd(user.Id, request.BodyKey, request.BodyIV))
        {
            return VMessHeaderReadResult.Reject("duplicated session (same body key and IV)", user, authenticated: true);
        }

        request.User = user;
        request.ResponseBodyKey = VMessResponseKeys.ForAeadHeader(request.BodyKey);
        request.ResponseBodyIV = VMessResponseKeys.ForAeadHeader(request.BodyIV);
        request.HeaderFormat = AeadFormat.Name;
        return VMessHeaderReadResult.Accept(total);
    }

    private AeadUserEntry? FindUser(ReadOnlySpan<byte> authId, out long unixTime)
    {
        foreach (var entry in userSnapshot)
        {
            if (entry.AuthId.TryDecrypt(authId, out unixTime))
            {
                return entry;
            }
        }

        unixTime = 0;
        return null;
    }

    private string? CheckClock(long clientTime)
    {
        if (clientTime < 0)
        {
            return "AuthID time is negative";
        }

        var difference = clientTime - Clock.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(difference) <= AeadFormat.TimeWindowSeconds)
        {
            return null;
        }

        var direction = difference > 0 ? "ahead of" : "behind";
        return $"client clock is {Math.Abs(difference)} s {direction} the server; VMess allows {AeadFormat.TimeWindowSeconds} s";
    }
}
