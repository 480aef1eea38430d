using BenchmarkDotNet.Attributes;
using VMessPlugins.VMess.Protocol.Crypto;

namespace VMessPlugins.Tests.Benchmarks;

/// <summary>The per-connection key derivation cost: one request-header key (three path elements).</summary>
[MemoryDiagnoser]
public class KdfBenchmarks
{
    private readonly byte[] cmdKey = new byte[16];
    private readonly byte[] authId = new byte[16];
    private readonly byte[] nonce = new byte[8];

    [Benchmark]
    public byte[] RequestHeaderKey() => VMessKdf.Kdf16(cmdKey, VMessKdf.HeaderPayloadKey, authId, nonce);
}
