namespace VMessPlugins.Host.Links.Qr;

/// <summary>The two error-correction levels a share link needs (L: 7 %, M: 15 % of codewords recoverable).</summary>
internal enum QrErrorLevel
{
    Low,
    Medium,
}
