namespace VMessPlugins.Abstractions.VMess;

/// <summary>A stateful byte-stream cipher (AES-128-CFB for legacy VMess) applied in place, across calls.</summary>
public interface IVMessStreamTransform : IDisposable
{
    /// <summary>Encrypts or decrypts <paramref name="data"/> in place, continuing from the previous call.</summary>
    void Transform(Span<byte> data);
}
