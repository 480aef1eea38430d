using System.Runtime.CompilerServices;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Plugins.Cipher.Aes128Cfb;
using VMessPlugins.VMess.Protocol.Crypto;
using VMessPlugins.VMess.Protocol.Header;

namespace VMessPlugins.Plugins.Auth.Legacy;

/// <summary>The client side of the legacy header. Safe to share: alter IDs are cached per user object.</summary>
internal sealed partial class LegacyHeaderClient(TimeProvider clock) : IVMessHeaderClient
{
    private static readonly ConditionalWeakTable<VMessUser, byte[][]> AlterIdCache = [];

    public int GetMaxRequestLength(VMessRequest request) =>
        LegacyFormat.AuthSize + VMessRequestHeaderCodec.GetLength(request) - request.PaddingLength + LegacyFormat.MaxPadding;

    public int WriteRequest(VMessRequest request, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = request.User ?? throw new InvalidOperationException("The request has no user.");
        return WriteRequest(request, destination, LegacyRequestRandomness.Draw(clock, user.AlterId));
    }

    /// <summary>Encodes with the given random inputs (the vectors' values in tests).</summary>
    internal static int WriteRequest(VMessRequest request, Span<byte> destination, LegacyRequestRandomness random)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = request.User ?? throw new InvalidOperationException("The request has no user.");
        request.PaddingLength = random.Padding.Length;
        var plaintextLength = VMessRequestHeaderCodec.GetLength(request);
        var total = LegacyFormat.AuthSize + plaintextLength;
        if (destination.Length < total)
        {
            throw new ArgumentException("The destination is too small for the request header.", nameof(destination));
        }

        var authId = random.AlterIndex < 0 ? user.Id : AlterIds(user)[random.AlterIndex];
        LegacyIds.Auth(authId, random.Timestamp, destination[..LegacyFormat.AuthSize]);
        var header = destination.Slice(LegacyFormat.AuthSize, plaintextLength);
        VMessRequestHeaderCodec.Encode(request, random.Padding, header);
        // The header key is always the main ID's cmdKey, whichever ID signed the auth.
        using (var cfb = new AesCfbStream(VMessId.CmdKey(user.Id), LegacyIds.HeaderIv(random.Timestamp), encrypt: true))
        {
            cfb.Transform(header);
        }

        request.ResponseBodyKey = VMessResponseKeys.ForLegacyHeader(request.BodyKey);
        request.ResponseBodyIV = VMessResponseKeys.ForLegacyHeader(request.BodyIV);
        request.ResponseStreamContinuation = null;
        request.HeaderFormat = LegacyFormat.Name;
        return total;
    }

    private static byte[][] AlterIds(VMessUser user) =>
        AlterIdCache.GetValue(user, static u => LegacyIds.AlterIds(u.Id, u.AlterId));
}
