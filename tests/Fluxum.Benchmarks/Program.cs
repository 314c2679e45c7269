using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Fluxum.Benchmarks.EndToEnd;
using Fluxum.Benchmarks.Kraken;
using Fluxum.Benchmarks.Startup;

// `-- loop kraken-full|kraken-walk|kraken-checksum|kraken-manager <seconds>` runs one Kraken path in a plain loop, for a
// profiler (perf record -g -- <this exe> loop kraken-full 10). `-- ratio <seconds>` alternates the Kraken walk and
// full path in one process (short rounds after a warm-up) and prints the median time per frame of each and their
// ratio: a quick check between BenchmarkDotNet runs (`ratio <seconds> decode` or `plain` compares DecodeOnly or
// DecodeApplyNoChecksum instead). Anything else goes to BenchmarkDotNet.

// `-- scale-memory` builds 1, 100 and 1,000 books of depth 10 and 1,000 a side and prints the managed memory they hold.
if (args is ["scale-memory"])
{
    Fluxum.Benchmarks.Scale.BookScaleMemory.Measure([1, 100, 1_000], [10, 1_000], Console.Out);
    return;
}

// `-- startup [RUNS] [FLUXUM]` times `fluxum run` and `fluxum script run scripts/aggregate.csx` from the process start to
// their first printed line and first market number, cold (empty script cache) and warm, with an already built
// `fluxum` (default: host/Fluxum.Host/bin/Release/net10.0/fluxum; build it first), and prints the medians.
if (args is ["startup", .. var startupArgs])
{
    var root = StartupTimings.FindRepositoryRoot();
    var runs = startupArgs.Length > 0 ? int.Parse(startupArgs[0], CultureInfo.InvariantCulture) : 5;
    var fluxum = startupArgs.Length > 1 ? Path.GetFullPath(startupArgs[1]) : StartupTimings.DefaultExecutable(root);
    var results = await StartupTimings.MeasureAsync(fluxum, root, runs, Console.Error);
    Console.WriteLine($"fluxum: {fluxum}, {runs} runs each, medians (min-max)");
    Console.WriteLine("| command | script cache | first line | first number |");
    Console.WriteLine("|---|---|---|---|");
    foreach (var r in results)
    {
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {r.Scenario} | {r.Cache} | {r.FirstLineMedian:F0} ms ({r.FirstLine.Min():F0}-{r.FirstLine.Max():F0}) | {r.FirstNumberMedian:F0} ms ({r.FirstNumber.Min():F0}-{r.FirstNumber.Max():F0}) |"));
    }

    return;
}

// `-- e2e [SECONDS] [RATES] [CONNECTIONS] [FLUXUM]` runs the end-to-end load runs (issue 16 item 2): the Kraken load
// simulator as a process of an already built fluxum (default host/Fluxum.Host/bin/Release/net10.0/fluxum), at each rate
// (comma-separated frames/s per connection, 0 = as fast as the socket takes; default 1000,10000,50000,100000,0) for
// SECONDS (default 5) through a bare ClientWebSocket loop and through the host, prints the Markdown table and writes it
// with the machine described to tests/Fluxum.Benchmarks/results/e2e.md and e2e.json.
if (args is ["e2e", .. var e2eArgs])
{
    var root = StartupTimings.FindRepositoryRoot();
    var e2eSeconds = e2eArgs.Length > 0 ? double.Parse(e2eArgs[0], CultureInfo.InvariantCulture) : 5;
    var rates = e2eArgs.Length > 1 ? e2eArgs[1].Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToArray() : EndToEndBenchmark.DefaultRates;
    var connections = e2eArgs.Length > 2 ? int.Parse(e2eArgs[2], CultureInfo.InvariantCulture) : 1;
    var fluxum = e2eArgs.Length > 3 ? Path.GetFullPath(e2eArgs[3]) : StartupTimings.DefaultExecutable(root);
    var results = await EndToEndBenchmark.RunAsync(fluxum, root, rates, e2eSeconds, connections, Console.Error);
    foreach (var line in EndToEndBenchmark.Table(results))
    {
        Console.WriteLine(line);
    }

    var (markdown, json) = EndToEndReport.Write(root, "dotnet run -c Release --project tests/Fluxum.Benchmarks -- " + string.Join(' ', args), results);
    Console.Error.WriteLine($"written: {markdown}, {json}");
    return;
}

if (args is ["ratio", var ratioSeconds, .. var ratioMode])
{
    var bench = new KrakenBookBenchmarks();
    bench.Setup();
    var walkTimes = new List<double>();
    var fullTimes = new List<double>();
    var total = TimeSpan.FromSeconds(double.Parse(ratioSeconds, CultureInfo.InvariantCulture));
    var run = Stopwatch.StartNew();
    var warmup = TimeSpan.FromSeconds(2);
    while (run.Elapsed < total)
    {
        var walk = Round(bench.ReaderWalk);
        var full = Round(ratioMode is ["decode"] ? bench.DecodeOnly : ratioMode is ["plain"] ? bench.DecodeApplyNoChecksum : bench.FullPath);
        if (run.Elapsed > warmup)
        {
            walkTimes.Add(walk);
            fullTimes.Add(full);
        }
    }

    walkTimes.Sort();
    fullTimes.Sort();
    var walkMedian = walkTimes[walkTimes.Count / 2];
    var fullMedian = fullTimes[fullTimes.Count / 2];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"walk {walkMedian:F1} ns/frame, full {fullMedian:F1} ns/frame, full/walk {fullMedian / walkMedian:F3} ({walkTimes.Count} rounds)"));
    return;

    static double Round(Func<int> pass)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
        {
            pass();
        }

        return clock.Elapsed.TotalNanoseconds / (20.0 * KrakenBookBenchmarks.Frames);
    }
}

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
        case "kraken-checksum" or "kraken-manager":
            var checksum = new KrakenChecksumBenchmarks();
            checksum.Setup();
            pass = mode == "kraken-manager" ? checksum.ManagerWithChecksum : checksum.ApplyAndChecksum;
            break;
        default:
            Console.Error.WriteLine($"unknown loop '{mode}': use kraken-full, kraken-walk, kraken-checksum or kraken-manager");
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

BenchmarkSwitcher.FromAssembly(typeof(KrakenBookBenchmarks).Assembly).Run(args);
