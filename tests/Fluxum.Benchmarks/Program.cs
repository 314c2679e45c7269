using BenchmarkDotNet.Running;
using Fluxum.Benchmarks.Kraken;

// `-- loop kraken-full <seconds>` runs the Kraken full path in a plain loop, for a sampling profiler
// (dotnet-trace collect -- <this exe> loop kraken-full 20); anything else goes to BenchmarkDotNet.
if (args is ["loop", "kraken-full", var seconds])
{
    var bench = new KrakenBookBenchmarks();
    bench.Setup();
    var until = DateTime.UtcNow.AddSeconds(double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture));
    var passes = 0L;
    while (DateTime.UtcNow < until)
    {
        bench.FullPath();
        passes++;
    }

    Console.WriteLine($"{passes * KrakenBookBenchmarks.Frames} frames");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
