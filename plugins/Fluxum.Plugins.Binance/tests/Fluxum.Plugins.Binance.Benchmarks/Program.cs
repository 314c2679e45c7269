using System.Diagnostics;
using BenchmarkDotNet.Running;
using Fluxum.Plugins.Binance.Benchmarks;

// `-- ratio N`: alternates the bare walk and decode + apply (and decode alone) in one process for N rounds and
// prints each one's median per frame and the ratios: a quick check between BenchmarkDotNet runs, and, with
// `-- loop apply|decode|walk SECONDS`, a plain loop for a profiler (perf record -g, DOTNET_PerfMapEnabled=1).
if (args is ["ratio", var rounds, ..])
{
    Ratio(int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (args is ["loop", var which, var seconds, ..])
{
    Loop(which, double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(BinanceDecodeBenchmarks).Assembly).Run(args);

static void Ratio(int rounds)
{
    var bench = new BinanceDecodeBenchmarks();
    bench.Setup();
    var walk = new List<double>();
    var apply = new List<double>();
    var decode = new List<double>();
    for (var i = 0; i < rounds; i++)
    {
        walk.Add(Time(() => bench.ReaderWalk()));
        apply.Add(Time(() => bench.DecodeApply()));
        decode.Add(Time(() => bench.DecodeOnly()));
    }

    double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
    var (w, a, d) = (Median(walk), Median(apply), Median(decode));
    Console.WriteLine($"walk {w:F0} ns, decode+apply {a:F0} ns ({a / w:F2}x the walk's time, {w / a:F2}x its rate), decode {d:F0} ns ({d / w:F2}x, {w / d:F2}x its rate) per frame, median of {rounds}");
}

static double Time(Func<long> pass)
{
    // 30 passes of 1,000 frames: one whole chain of the pool.
    var watch = Stopwatch.StartNew();
    for (var i = 0; i < 30; i++)
    {
        pass();
    }

    return watch.Elapsed.TotalNanoseconds / (30 * 1000);
}

static void Loop(string which, double seconds)
{
    var bench = new BinanceDecodeBenchmarks();
    bench.Setup();
    Func<long> pass = which switch
    {
        "walk" => bench.ReaderWalk,
        "decode" => bench.DecodeOnly,
        _ => bench.DecodeApply,
    };
    var watch = Stopwatch.StartNew();
    long frames = 0;
    while (watch.Elapsed.TotalSeconds < seconds)
    {
        pass();
        frames += 1000;
    }

    Console.WriteLine($"{which}: {watch.Elapsed.TotalNanoseconds / frames:F0} ns per frame over {frames} frames");
}
