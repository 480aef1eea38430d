using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(VMessPlugins.Tests.Benchmarks.ChunkCipherBenchmarks).Assembly).Run(args);
