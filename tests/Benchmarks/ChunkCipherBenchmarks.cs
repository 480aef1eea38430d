using BenchmarkDotNet.Attributes;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Plugins.Cipher.Aes128Gcm;
using VMessPlugins.Plugins.Cipher.ChaCha20Poly1305;
using VMessPlugins.Plugins.Cipher.None;
using VMessPlugins.Plugins.Cipher.Zero;

namespace VMessPlugins.Tests.Benchmarks;

/// <summary>
/// Seal and open of one chunk per operation. Opening needs the sealer's nonce sequence, so the open figure comes
/// from <see cref="SealThenOpen"/> (a sealer and an opener in lockstep) minus <see cref="Seal"/>.
/// </summary>
[MemoryDiagnoser]
public class ChunkCipherBenchmarks
{
    private IVMessChunkSealer sealer = null!;
    private IVMessChunkSealer pairedSealer = null!;
    private IVMessChunkOpener pairedOpener = null!;
    private byte[] plaintext = [];
    private byte[] buffer = [];
    private int overhead;

    [Params("aes-128-gcm", "chacha20-poly1305", "none", "zero")]
    public string Suite { get; set; } = "aes-128-gcm";

    [Params(2048, 16384)]
    public int ChunkSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        IVMessCipherSuite suite = Suite switch
        {
            "aes-128-gcm" => new Aes128GcmSuite(),
            "chacha20-poly1305" => new ChaChaSuite(),
            "none" => new NoneSuite(),
            _ => new ZeroSuite(),
        };
        var key = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
        var iv = Enumerable.Range(16, 16).Select(i => (byte)i).ToArray();
        overhead = suite.Overhead;
        sealer = suite.CreateSealer(key, iv);
        pairedSealer = suite.CreateSealer(key, iv);
        pairedOpener = suite.CreateOpener(key, iv);
        plaintext = new byte[ChunkSize];
        Random.Shared.NextBytes(plaintext);
        buffer = new byte[ChunkSize + overhead];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        sealer.Dispose();
        pairedSealer.Dispose();
        pairedOpener.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void Seal() => sealer.Seal(plaintext, buffer);

    [Benchmark]
    public bool SealThenOpen()
    {
        pairedSealer.Seal(plaintext, buffer);
        return pairedOpener.TryOpen(buffer, buffer);
    }
}
