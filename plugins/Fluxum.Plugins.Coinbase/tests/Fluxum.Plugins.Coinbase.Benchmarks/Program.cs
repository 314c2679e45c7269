using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Fluxum.Plugins.Coinbase.Benchmarks.CoinbaseDecodeBenchmarks).Assembly).Run(args);
