using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Fluxum.Benchmarks.Kraken;

// `-- loop kraken-full|kraken-walk|kraken-checksum <seconds>` runs one Kraken path in a plain loop, for a
// profiler (perf record -g -- <this exe> loop kraken-full 10); anything else goes to BenchmarkDotNet.
if (args is ["loop", var mode, var seconds])
{
    Func<int> pass;
    switch (mode)
    {
        case "kraken-full" or "kraken-walk":
            var book = new KrakenBookBenchmarks();
            book.Setup();
            pass = mode == "kraken-walk" ? book.ReaderWalk : book.FullPath;
            break;
        case "kraken-checksum":
            var checksum = new KrakenChecksumBenchmarks();
            checksum.Setup();
            pass = checksum.ApplyAndChecksum;
            break;
        default:
            Console.Error.WriteLine($"unknown loop '{mode}': use kraken-full, kraken-walk or kraken-checksum");
            Environment.Exit(2);
            return;
    }

    var limit = TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture));
    var clock = Stopwatch.StartNew();
    var passes = 0L;
    while (clock.Elapsed < limit)
    {
        pass();
        passes++;
    }

    Console.WriteLine($"{passes * KrakenBookBenchmarks.Frames} frames");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
