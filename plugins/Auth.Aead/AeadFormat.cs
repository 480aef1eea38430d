namespace VMessPlugins.Plugins.Auth.Aead;

/// <summary>Sizes of the AEAD header layout: AuthID(16) || sealed length(18) || nonce(8) || sealed header.</summary>
internal static class AeadFormat
{
    public const string Name = "aead";
    public const int AuthIdSize = 16;
    public const int TagSize = 16;
    public const int SealedLengthSize = 2 + TagSize;
    public const int NonceSize = 8;
    public const int PrefixSize = AuthIdSize + SealedLengthSize + NonceSize;
    public const int GcmNonceSize = 12;

    /// <summary>Clock difference the server tolerates, in seconds (120 accepted, 121 refused).</summary>
    public const long TimeWindowSeconds = 120;
}
