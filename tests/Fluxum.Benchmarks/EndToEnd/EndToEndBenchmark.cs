using System.Globalization;

namespace Fluxum.Benchmarks.EndToEnd;

/// <summary>
/// Issue 16's end-to-end runs: at each rate, the load simulator (its own process) sends the same frames to a bare
/// receive loop and then to the full host path, one after the other, and each result is printed beside the other.
/// Rate 0 is "as fast as the socket takes".
/// </summary>
internal static class EndToEndBenchmark
{
    /// <summary>The rates of the issue, frames/s per connection (0: as fast as the socket takes).</summary>
    public static IReadOnlyList<int> DefaultRates { get; } = [1_000, 10_000, 50_000, 100_000, 0];

    public static IReadOnlyList<string> Symbols { get; } = ["BTC/USD", "ETH/USD"];

    public static async Task<IReadOnlyList<EndToEndResult>> RunAsync(string fluxum, string repositoryRoot, IReadOnlyList<int> rates, double seconds, int connections, TextWriter progress)
    {
        var results = new List<EndToEndResult>();
        var idle = TimeSpan.FromSeconds(5);

        // Warm-up, not counted: both paths once at 10k frames/s for a second, so JIT and first-use costs stay out of the runs.
        await using (var warmup = await LoadSimulator.StartAsync(fluxum, repositoryRoot, 10_000, 10_000).ConfigureAwait(false))
        {
            await BareReceiveLoop.RunAsync(warmup, Symbols, connections, idle).ConfigureAwait(false);
            await HostPathRun.RunAsync(warmup, repositoryRoot, Symbols, connections, idle, TimeSpan.FromSeconds(10), progress).ConfigureAwait(false);
        }

        foreach (var rate in rates)
        {
            // A fixed rate runs for the given time; "as fast as it takes" sends what 100k/s would send in it.
            var messages = (long)Math.Max(1_000, (rate == 0 ? 100_000 : rate) * seconds);
            await using (var simulator = await LoadSimulator.StartAsync(fluxum, repositoryRoot, rate, messages).ConfigureAwait(false))
            {
                var bare = await BareReceiveLoop.RunAsync(simulator, Symbols, connections, idle).ConfigureAwait(false);
                await progress.WriteLineAsync(Line(bare)).ConfigureAwait(false);
                results.Add(bare);
                var limit = TimeSpan.FromSeconds(Math.Max(10, 3 * seconds));
                var host = await HostPathRun.RunAsync(simulator, repositoryRoot, Symbols, connections, idle, limit, progress).ConfigureAwait(false);
                await progress.WriteLineAsync(Line(host)).ConfigureAwait(false);
                results.Add(host);
            }

            GC.Collect();
        }

        return results;
    }

    /// <summary>The results as a Markdown table, each host row with its CPU per frame as a ratio to the bare loop's at that rate.</summary>
    public static IEnumerable<string> Table(IReadOnlyList<EndToEndResult> results)
    {
        yield return "| rate (frames/s per connection) | connections | path | frames/s taken | delivered to consumer/s | superseded snapshots | lost | p50 µs | p99 µs | p99.9 µs | max µs | CPU µs/frame | CPU vs bare | alloc B/frame | gaps, stale, reconnects |";
        yield return "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";
        foreach (var r in results)
        {
            var bare = results.FirstOrDefault(b => b.Rate == r.Rate && b.Connections == r.Connections && b.Path.StartsWith("bare", StringComparison.Ordinal));
            var ratio = bare is null || ReferenceEquals(bare, r) ? "1 (baseline)" : (r.CpuMicrosPerMessage / bare.CpuMicrosPerMessage).ToString("0.00", CultureInfo.InvariantCulture) + "×";
            yield return string.Create(
                CultureInfo.InvariantCulture,
                $"| {(r.Rate == 0 ? "as fast as it goes" : r.Rate.ToString("N0", CultureInfo.InvariantCulture))} | {r.Connections} | {r.Path} | {r.ProcessedPerSecond:N0} | {r.DeliveredPerSecond:N0} | {r.Superseded:N0} | {r.Loss:N0} of {r.Expected:N0} | {r.LatencyMicros(50):F0} | {r.LatencyMicros(99):F0} | {r.LatencyMicros(99.9):F0} | {r.MaxLatencyMicros:F0} | {r.CpuMicrosPerMessage:F2} | {ratio} | {r.AllocatedPerMessage:F0} | {r.QualityEvents}, {r.Reconnects} reconnects |");
        }
    }

    private static string Line(EndToEndResult r) => string.Create(
        CultureInfo.InvariantCulture,
        $"{r.Path}, rate {r.Rate}, {r.Connections} conn: {r.Delivered}/{r.Expected} (+{r.Superseded} superseded, {r.Reconnects} reconnects) in {r.Seconds:F2} s = {r.DeliveredPerSecond:N0}/s, p50 {r.LatencyMicros(50):F0} p99 {r.LatencyMicros(99):F0} p99.9 {r.LatencyMicros(99.9):F0} max {r.MaxLatencyMicros:F0} µs, CPU {r.CpuMicrosPerMessage:F2} µs/frame, {r.AllocatedPerMessage:F0} B/frame, quality {r.QualityEvents}");
}
