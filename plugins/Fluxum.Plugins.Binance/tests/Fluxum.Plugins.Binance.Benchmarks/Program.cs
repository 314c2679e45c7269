using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Fluxum.Plugins.Binance.Benchmarks.BinanceDecodeBenchmarks).Assembly).Run(args);
