using BenchmarkDotNet.Running;
using Fluxum.Benchmarks.Kraken;

// `-- loop kraken-full|kraken-walk <seconds>` runs one Kraken path in a plain loop, for a profiler or a
// cycle counter (perf stat -e cycles -- <this exe> loop kraken-full 10); anything else goes to BenchmarkDotNet.
if (args is ["loop", "kraken-checksum", var checksumSeconds])
{
    var checksums = new KrakenChecksumBenchmarks();
    checksums.Setup();
    var checksumLimit = TimeSpan.FromSeconds(double.Parse(checksumSeconds, System.Globalization.CultureInfo.InvariantCulture));
    var checksumClock = System.Diagnostics.Stopwatch.StartNew();
    while (checksumClock.Elapsed < checksumLimit)
    {
        checksums.ApplyAndChecksum();
    }

    return;
}

if (args is ["loop", "kraken-full" or "kraken-walk", var seconds])
{
    var bench = new KrakenBookBenchmarks();
    bench.Setup();
    var limit = TimeSpan.FromSeconds(double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture));
    var clock = System.Diagnostics.Stopwatch.StartNew();
    var passes = 0L;
    var walk = args[1] == "kraken-walk";
    while (clock.Elapsed < limit)
    {
        _ = walk ? bench.ReaderWalk() : bench.FullPath();
        passes++;
    }

    Console.WriteLine($"{passes * KrakenBookBenchmarks.Frames} frames");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
